// Full-text search of the website (templates/site/search.html), with the Pagefind index that
// `gazette site` builds into pagefind/ at the site root. Copied to static/search.js.
const root = new URL("../", import.meta.url);
const form = document.getElementById("search-page-form");
const input = document.getElementById("search-page-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const shown = 30;
let engine = null;

async function pagefind() {
  if (engine === null) {
    engine = await import(new URL("pagefind/pagefind.js", root).href);
    await engine.options({ baseUrl: root.pathname });
  }
  return engine;
}

function result(data) {
  const item = document.createElement("li");
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  title.append(link);
  const issue = document.createElement("p");
  issue.className = "result-issue";
  issue.textContent = data.meta.issue || "";
  const excerpt = document.createElement("p");
  excerpt.className = "result-excerpt";
  // Pagefind's excerpt is escaped page text with the hits wrapped in <mark>.
  excerpt.innerHTML = data.excerpt;
  item.append(title, issue, excerpt);
  return item;
}

async function run(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "";
    return;
  }
  status.textContent = "正在检索……";
  const search = await (await pagefind()).search(query);
  const found = await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
  list.append(...found.map(result));
  status.textContent = search.results.length
    ? `“${query}”：找到${search.results.length}篇文件`
    : `“${query}”：没有找到文件`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  run(input.value);
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial);
}
