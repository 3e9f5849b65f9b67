// Live reload for `gazette serve` only (never written into the site): the server adds this
// script to every HTML page it serves and bumps the version after each rebuild.
const versionUrl = "/__gazette__/version";
let known = null;

async function poll() {
  try {
    const response = await fetch(versionUrl, { cache: "no-store" });
    const version = await response.text();
    if (known !== null && version !== known) {
      location.reload();
      return;
    }
    known = version;
  } catch (error) {
    // The server is restarting or rebuilding: ask again.
  }
  setTimeout(poll, 1000);
}

poll();
