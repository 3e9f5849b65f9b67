// The search of the website, without the page around it (static/search-core.js): a query is
// turned into the words gazette_pub/site/search.py indexed (Han bigrams, numbers, Latin
// words), Pagefind finds the documents holding them all, and each is kept only if its text
// holds every phrase of the query exactly. Also used by the browser tests.

// Keep these in step with gazette_pub/site/search.py (normalize_char, WORD_RUN_RE).
const OPENING = "([{【〔〖";
const CLOSING = ")]}】〕〗";
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{3134f}";
const WORD_RUN = new RegExp(`(?<han>[${HAN}]+)|(?<digits>[0-9]+)|(?<latin>[a-z]+)`, "gu");
const DIGIT = /[0-9]/;
// Candidates whose text is fetched at once to check the phrase.
const BATCH = 40;

function isAscii(c) {
  return c.codePointAt(0) < 128;
}

/** What one character is compared as: NFKC, brackets as 〔〕, no spaces, Latin lower case. */
export function normalizeChar(char) {
  if (char === "\n") return char;
  let out = "";
  for (const c of char.normalize("NFKC")) {
    if (OPENING.includes(c)) out += "〔";
    else if (CLOSING.includes(c)) out += "〕";
    else if (!/\s/u.test(c)) out += isAscii(c) ? c.toLowerCase() : c;
  }
  return out;
}

/** The normalized text and, for each of its code units, the index in `text` it came from. */
export function normalize(text) {
  let out = "";
  const origin = [];
  let index = 0;
  for (const char of text) {
    const n = normalizeChar(char);
    out += n;
    for (let k = 0; k < n.length; k++) origin.push(index);
    index += char.length;
  }
  origin.push(index);
  return { text: out, origin };
}

/** The index words of a normalized phrase; a lone Han character next to other words is
 * left to the phrase check (the index has it only inside its bigrams). */
export function tokens(phrase) {
  const words = [];
  const runs = [...phrase.matchAll(WORD_RUN)];
  for (const m of runs) {
    const run = m[0];
    if (m.groups.han && run.length > 1) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) words.push(chars[i] + chars[i + 1]);
    } else if (!(m.groups.han && runs.length > 1)) {
      words.push(run);
    }
  }
  return words;
}

/** The phrases of a query: its parts between spaces, normalized. */
export function phrases(query) {
  return query.split(/\s+/u).map((p) => normalize(p).text).filter((p) => p.length > 0);
}

/** Every place `phrase` occurs in the normalized `text` (a number only as a whole number). */
export function occurrences(text, phrase) {
  const found = [];
  const digitStart = DIGIT.test(phrase[0]);
  const digitEnd = DIGIT.test(phrase[phrase.length - 1]);
  let at = text.indexOf(phrase);
  while (at !== -1) {
    const before = text[at - 1];
    const after = text[at + phrase.length];
    if (!(digitStart && before && DIGIT.test(before)) && !(digitEnd && after && DIGIT.test(after))) {
      found.push(at);
    }
    at = text.indexOf(phrase, at + 1);
  }
  return found;
}

/** A snippet of `text` that starts at the first hit: [{text, hit}] pieces. */
export function snippet(text, wanted, length = 120) {
  const norm = normalize(text);
  const hits = [];
  for (const phrase of wanted) {
    for (const at of occurrences(norm.text, phrase)) {
      hits.push([norm.origin[at], norm.origin[at + phrase.length]]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const start = hits.length ? hits[0][0] : 0;
  const end = Math.min(start + length, text.length);
  const pieces = [];
  if (start > 0 && text[start - 1] !== "\n") pieces.push({ text: "…", hit: false });
  let at = start;
  for (const [from, to] of hits) {
    if (from < at || from >= end) continue;
    if (from > at) pieces.push({ text: text.slice(at, from), hit: false });
    pieces.push({ text: text.slice(from, Math.min(to, end)), hit: true });
    at = Math.min(to, end);
  }
  if (at < end) pieces.push({ text: text.slice(at, end), hit: false });
  if (end < text.length) pieces.push({ text: "…", hit: false });
  // The document's lines are shown as one run of text.
  return pieces.map((p) => ({ text: p.text.replaceAll("\n", " "), hit: p.hit }));
}

// The word every record holds (search.py EVERY_RECORD): a search by filters alone.
const EVERY_RECORD = "gazettedocument";
// Filter name → the record's meta field (organ: one organ a line).
const FILTER_FIELDS = { gazette: "gazette", year: "year", issue: "issue_name", organ: "organ",
                        kind: "kind", section: "section" };

function matchesFilters(meta, filters) {
  return Object.entries(filters).every(([name, value]) => {
    const field = meta[FILTER_FIELDS[name]] || "";
    return name === "organ" ? field.split("\n").includes(value) : field === value;
  });
}

// Pagefind, started once (every caller waits for the same start).
let starting = null;

function pagefind(root) {
  if (starting === null) starting = start(root);
  return starting;
}

async function start(root) {
  const module = await import(new URL("pagefind/pagefind.js", root).href);
  await module.options({ baseUrl: new URL(root).pathname });
  // Pagefind takes the query's language from <html lang> when it starts, and for zh it
  // cuts the query into words with Intl.Segmenter, which would split the bigrams again.
  // The index is of the language search.py names (RECORD_LANGUAGE, "en": split at spaces
  // only), so Pagefind starts while the page says so; init() reads the attribute before
  // its first await, so the page's own lang is back at once.
  const html = document.documentElement;
  const lang = html.getAttribute("lang");
  html.setAttribute("lang", "en");
  const started = module.init();
  if (lang === null) html.removeAttribute("lang");
  else html.setAttribute("lang", lang);
  await started;
  // init() returns before the index is loaded: wait for it, so that no search starts a
  // second load of the same files.
  await module.filters();
  return module;
}

/**
 * Search the site at `root` (the URL of the site's root folder).
 * options: filters ({year: "2021", organ: "…"}), sort ("relevance", "newest", "oldest").
 * Returns {total, results: [{url, title, issue, date, docNumber, text, exact}]}, every
 * result holding every phrase of the query.
 */
export async function search(root, query, options = {}) {
  const filters = Object.fromEntries(Object.entries(options.filters || {}).filter(([, v]) => v));
  const wanted = phrases(query || "");
  const words = wanted.flatMap(tokens);
  if (wanted.length && !words.length) return { total: 0, results: [] };
  if (!wanted.length && !Object.keys(filters).length) return { total: 0, results: [] };
  const pf = await pagefind(root);
  const found = await pf.search(words.length ? words.join(" ") : EVERY_RECORD);
  const confirmed = [];
  for (let i = 0; i < found.results.length; i += BATCH) {
    const batch = await Promise.all(found.results.slice(i, i + BATCH).map((r) => r.data()));
    for (const data of batch) {
      if (!matchesFilters(data.meta, filters)) continue;
      const text = normalize(data.meta.text || "").text;
      if (wanted.every((p) => occurrences(text, p).length > 0)) confirmed.push(data);
    }
  }
  const whole = wanted.join("");
  const results = confirmed.map((data, rank) => {
    const title = normalize(data.meta.title || "").text;
    const number = normalize(data.meta.doc_number || "").text;
    // 0: the query is the title or the 文号; 1: the title holds it; 2: the text does.
    const tier = whole && (whole === title || whole === number) ? 0
      : wanted.length && wanted.every((p) => occurrences(title, p).length > 0) ? 1 : 2;
    return {
      url: new URL(data.meta.path || data.url.replace(/^\//, ""), root).href,
      title: data.meta.title, issue: data.meta.issue, date: data.meta.date,
      order: data.meta.order, docNumber: data.meta.doc_number, text: data.meta.text,
      exact: tier === 0, tier, rank,
    };
  });
  const sort = options.sort || (wanted.length ? "relevance" : "newest");
  if (sort === "newest") results.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0));
  else if (sort === "oldest") results.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  else results.sort((a, b) => a.tier - b.tier || a.rank - b.rank);
  return { total: results.length, results, phrases: wanted };
}
