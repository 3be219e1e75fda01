import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  EntityFilterQuery,
} from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DATA_PLAN_ANNOTATION,
  DATA_PROJECT_TYPE,
} from '@dataplan/plugin-data-plan-common';

/** The catalog's filter for data projects: their type, with a plan annotation. */
const DATA_PROJECT_FILTER: EntityFilterQuery = [
  { 'spec.type': DATA_PROJECT_TYPE },
  { [`metadata.annotations.${DATA_PLAN_ANNOTATION}`]: CATALOG_FILTER_EXISTS },
];

/**
 * The data projects the catalog returns to these credentials, one page per catalog call,
 * with only the fields asked for.
 */
export async function* dataProjectPages(
  catalog: CatalogService,
  options: {
    credentials: BackstageCredentials;
    fields: string[];
    pageSize: number;
  },
): AsyncGenerator<Entity[]> {
  const { credentials, fields, pageSize } = options;
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, fields, limit: pageSize }
        : { filter: DATA_PROJECT_FILTER, fields, limit: pageSize },
      { credentials },
    );
    yield page.items;
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
}
