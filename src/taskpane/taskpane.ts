/**
 * Entry of the task pane page (which also hosts the custom functions: shared runtime).
 * The UI is in app.ts; boot.ts picks the host: the test seam, Office.js in Excel, or the
 * "open it in Excel" message outside Office.
 */
import { boot } from "./boot";

const root = document.getElementById("app");
if (root) void boot(root);
