// The search page (templates/site/search.html; copied to static/search.js): reads the query,
// filters, sort and page from the address (the form is a plain GET form, so every result
// page is a link), asks static/search-core.js and lists one page of confirmed results.
import { search, snippet } from "./search-core.js";

const root = new URL("../", import.meta.url);
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const pager = document.getElementById("search-pager");
const PER_PAGE = 30;
const FILTERS = ["gazette", "year", "issue", "organ", "kind", "section"];

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

function item(result, phrases) {
  const link = element("a", { href: result.url, textContent: result.title || result.url });
  const head = element("h2", {}, link);
  const meta = element("p", { className: "result-issue" }, result.issue || "");
  if (result.docNumber) meta.append(" · ", result.docNumber);
  const excerpt = element("p", { className: "result-excerpt" });
  for (const piece of snippet(result.text || "", phrases)) {
    excerpt.append(piece.hit ? element("mark", { textContent: piece.text }) : piece.text);
  }
  return element("li", {}, head, meta, excerpt);
}

function pageLink(params, page, label, current) {
  const url = new URL(location.href);
  for (const [k, v] of params) url.searchParams.set(k, v);
  url.searchParams.set("page", String(page));
  const a = element("a", { href: url.href, textContent: label });
  if (current) a.setAttribute("aria-current", "page");
  return element("li", {}, a);
}

async function run() {
  const params = new URLSearchParams(location.search);
  const form = document.getElementById("search-page-form");
  for (const field of form.elements) {
    if (field.name && params.has(field.name)) field.value = params.get(field.name);
  }
  const query = params.get("q") || "";
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) || ""]));
  const sort = params.get("sort") || "";
  if (!query.trim() && !Object.values(filters).some(Boolean)) return;
  status.textContent = "正在检索……";
  const found = await search(root, query, { filters, sort: sort || undefined });
  const pages = Math.max(1, Math.ceil(found.total / PER_PAGE));
  const page = Math.min(pages, Math.max(1, parseInt(params.get("page") || "1", 10) || 1));
  const first = (page - 1) * PER_PAGE;
  const shown = found.results.slice(first, first + PER_PAGE);
  list.start = first + 1;
  list.replaceChildren(...shown.map((r) => item(r, found.phrases)));
  const what = query.trim() ? `“${query.trim()}”` : "筛选结果";
  status.textContent = found.total
    ? `${what}：找到${found.total}篇文件` + (pages > 1 ? `，第${first + 1}–${first + shown.length}篇` : "")
    : `${what}：没有找到文件`;
  pager.replaceChildren();
  if (pages > 1) {
    const links = element("ul");
    if (page > 1) links.append(pageLink(params, page - 1, "上一页", false));
    for (let p = 1; p <= pages; p++) links.append(pageLink(params, p, `第${p}页`, p === page));
    if (page < pages) links.append(pageLink(params, page + 1, "下一页", false));
    pager.append(links);
  }
}

run().catch((error) => {
  status.textContent = "检索出错，请稍后再试。";
  throw error;
});
