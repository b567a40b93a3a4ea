export { useEntity, useForm, useList, useManager, useObserver, useStatus } from "./hooks";
