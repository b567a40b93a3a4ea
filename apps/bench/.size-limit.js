// pnpm size: the libraries AOS is compared with, measured as issue 8 measures ours (esbuild,
// min+gzip, production build, each library's peers left out), for the table in README.md.
// Nothing here has a limit: these are reported, not budgeted.
import { fileURLToPath } from "node:url";
import { defineSizeLimit } from "@aos/size-limit-config";

const file = (specifier) => fileURLToPath(import.meta.resolve(specifier));
// The peers AOS leaves out of its own bundle too.
const peers = ["mobx", "@tanstack/query-core"];

export default defineSizeLimit([
  {
    name: "AOS: @aos/core + @aos/query-client (a store and the observers the adapters use)",
    path: file("@aos/core"),
    import: {
      [file("@aos/core")]:
        "{ createOptimisticStoreManager, createListObserver, createEntityObserver, createStatusObserver }",
    },
    ignore: peers,
  },
  {
    name: "AOS, with realtime: the same and @aos/core/realtime's createRealtime",
    path: file("@aos/core"),
    import: {
      [file("@aos/core")]:
        "{ createOptimisticStoreManager, createListObserver, createEntityObserver, createStatusObserver }",
      [file("@aos/core/realtime")]: "{ createRealtime }",
    },
    ignore: peers,
  },
  {
    name: "mobx-tanstack-query (MobxQuery + MobxMutation)",
    path: file("mobx-tanstack-query"),
    import: { [file("mobx-tanstack-query")]: "{ MobxQuery, MobxMutation }" },
    ignore: peers,
  },
  {
    name: "@tanstack/db + @tanstack/query-db-collection (a query collection and a live query)",
    path: file("@tanstack/db"),
    import: {
      [file("@tanstack/db")]: "{ createCollection, createLiveQueryCollection, eq }",
      [file("@tanstack/query-db-collection")]: "{ queryCollectionOptions }",
    },
    ignore: peers,
  },
]);
