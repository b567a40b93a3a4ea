export { createQueryClient } from "./createQueryClient";
export {
  getGlobalQueryClient,
  resetGlobalQueryClient,
  setGlobalQueryClient,
} from "./globalQueryClient";
