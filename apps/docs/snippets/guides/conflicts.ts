import { createOptimisticStoreManager, type ConflictResolver } from "@aos/core";
import { createRealtime } from "@aos/core/realtime";

interface Doc {
  id: string;
  title: string;
  tags: string[];
  version: number;
}
declare const docsApi: {
  list(): Promise<Doc[]>;
  update(id: string, data: Partial<Doc>): Promise<Doc>;
};

// #region resolver
// Keep the server's row, but never lose a tag either side added.
const mergeTags: ConflictResolver<Doc> = ({ remote, local }) => ({
  ...remote,
  tags: [...new Set([...remote.tags, ...(local?.tags ?? [])])],
});
// #endregion resolver

// #region config
export const docs = createOptimisticStoreManager({
  name: "docs",
  queryFn: () => docsApi.list(),
  mutations: { update: ({ id, data }) => docsApi.update(id, data) },
  versionField: "version", // older rows never replace newer ones, in any arrival order
  conflict: mergeTags, // or "rebase" (the default), or "server-wins"
  realtime: createRealtime(),
});
// #endregion config
