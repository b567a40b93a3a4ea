/**
 * Vue composables for AOS stores.
 *
 * @module @aos/vue
 */
export {
  useEntity,
  useForm,
  useList,
  useManager,
  useObserver,
  usePending,
  useStatus,
} from "./composables";
export type { FormBinding } from "./composables";
