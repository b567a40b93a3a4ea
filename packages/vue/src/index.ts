export { useEntity, useForm, useList, useManager, useObserver, useStatus } from "./composables";
export type { FormBinding } from "./composables";
