/** Entry point: languages first (so the first paint is already in the right one), then the app. */
import "./i18n/index.ts";
import "./app/app.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";

const root = document.getElementById("root");
if (!root) throw new Error("index.html lacks the #root element");

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
