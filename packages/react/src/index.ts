/**
 * React hooks for AOS stores.
 *
 * @module @aos/react
 */
export {
  useEntity,
  useForm,
  useList,
  useManager,
  useObserver,
  usePending,
  useStatus,
} from "./hooks";
