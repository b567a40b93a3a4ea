// For svelte-check, which does not read .vue files; vue-tsc types them from their source.
declare module "*.vue" {
  import type { DefineComponent } from "vue";
  const component: DefineComponent;
  export default component;
}
