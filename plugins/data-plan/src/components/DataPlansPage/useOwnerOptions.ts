import { useApi } from '@backstage/core-plugin-api';
import {
  PlanFacetsResponse,
  PlanListFilters,
} from '@dataplan/plugin-data-plan-common';
import { useEffect, useState } from 'react';
import { dataPlanApiRef } from '../../api';

function ownersOf(facets?: PlanFacetsResponse): string[] {
  // Projects without an owner cannot be filtered on.
  return (facets?.byOwner ?? []).map(o => o.owner).filter(Boolean);
}

/**
 * The owners to offer in the owner filter. Without an owner filter these are the owners
 * in the page's facets. With one, those facets hold only the chosen owners, so the others
 * come from facets of the same filters minus the owner filter: one more request, made
 * only while an owner is chosen.
 */
export function useOwnerOptions(
  filters: PlanListFilters,
  facets?: PlanFacetsResponse,
): string[] {
  const api = useApi(dataPlanApiRef);
  const { owner, ...otherFilters } = filters;
  const filtered = Boolean(owner?.length);
  const otherKey = JSON.stringify(otherFilters);
  const [others, setOthers] = useState<{ key: string; owners: string[] }>();

  useEffect(() => {
    if (!filtered) return undefined;
    let current = true;
    api.getFacets(JSON.parse(otherKey)).then(
      result => {
        if (current) setOthers({ key: otherKey, owners: ownersOf(result) });
      },
      // Without them the chosen owners are still offered; the summary shows the error.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [api, filtered, otherKey]);

  if (filtered && others?.key === otherKey) return others.owners;
  return ownersOf(facets);
}
