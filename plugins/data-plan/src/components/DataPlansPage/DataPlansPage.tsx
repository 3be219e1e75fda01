import { Content, Header, Page } from '@backstage/core-components';
import { DataPlansContent } from './DataPlansContent';

/** The governance page: every data project's plan, worst first. */
export function DataPlansPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Data plans"
        subtitle="Every data project's plan, worst first"
      />
      <Content>
        <DataPlansContent />
      </Content>
    </Page>
  );
}
