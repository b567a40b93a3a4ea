import { createApp } from "vue";
import App from "./App.vue";
import "@aos/demo-kit/style.css";

createApp(App).mount("#root");
