import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * An entity ref as the store keeps systems and groups, and as their filters compare: the
 * catalog's string form in lower case, since the catalog matches refs without case.
 */
export function entityRefKey(ref: CompoundEntityRef): string {
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}
