import { mount } from "svelte";
import App from "./App.svelte";
import "@aos/demo-kit/style.css";
import "./grid.css";

const target = document.getElementById("root");
if (target === null) throw new Error("index.html has no #root element to mount the demo in.");
mount(App, { target });
