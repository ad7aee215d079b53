"""The web chat in a real headless Chromium (Debian's, driven by Playwright): asking, citations,
the no-answer path, filters, and 30 XSS payloads that must never run."""

from __future__ import annotations

import pytest

from ingest.sync import sync_folder
from tests.conftest import free_port, make_settings

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
XSS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    "<iframe src=javascript:window.__xss=1>",
    "<body onload=window.__xss=1>",
    "<a href=javascript:window.__xss=1>click</a>",
    "[click](javascript:window.__xss=1)",
    "![x](javascript:window.__xss=1)",
    "<details open ontoggle=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<video><source onerror=window.__xss=1></video>",
    "<audio src=x onerror=window.__xss=1>",
    "<marquee onstart=window.__xss=1>",
    "<object data=javascript:window.__xss=1>",
    "<embed src=javascript:window.__xss=1>",
    "<math><a xlink:href=javascript:window.__xss=1>m</a></math>",
    "<form action=javascript:window.__xss=1><button>go</button></form>",
    "<meta http-equiv=refresh content=0;url=javascript:window.__xss=1>",
    "<link rel=import href=data:text/html,<script>window.__xss=1</script>>",
    "<style>@import 'javascript:window.__xss=1';</style>",
    "<div style=background:url(javascript:window.__xss=1)>",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "</textarea><script>window.__xss=1</script>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    '<img src="x" onerror="alert(\'xss\')">',
    "javascript:alert('xss')",
    "<svg/onload=alert('xss')>",
]


@pytest.fixture(scope="module")
def browser_app(tmp_path_factory, corpus_dir):
    playwright_api = pytest.importorskip("playwright.sync_api")
    from ui.web import CSS, build_app

    folder = tmp_path_factory.mktemp("browser-corpus")
    for path in corpus_dir.rglob("*"):
        if path.is_file():
            target = folder / path.relative_to(corpus_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    for n, payload in enumerate(XSS):
        safe_name = f"xss-{n:02d}.md"
        (folder / safe_name).write_text(
            f"---\ntitle: 'Strike notice {payload}'\ndoc_type: law_guidance\n---\n"
            f"The strike committee must warn the employer {payload} in writing fifteen days "
            f"before strike number {n} begins.\n"
        )
    settings = make_settings(tmp_path_factory.mktemp("browser-data"))
    sync_folder(folder, settings)
    app = build_app(settings)
    port = free_port()
    app.queue()
    app.launch(
        server_name="127.0.0.1",
        server_port=port,
        prevent_thread_lock=True,
        ssr_mode=False,
        css=CSS,
    )
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser, f"http://127.0.0.1:{port}/"
        finally:
            browser.close()
            app.close()


def ask(page, url: str, question: str) -> None:
    page.goto(url)
    page.locator("textarea").first.fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()
    page.wait_for_selector("#fedqa-output .fedqa-answer", timeout=60_000)


def test_ask_see_citations_and_click_one(browser_app, tmp_path):
    browser, url = browser_app
    page = browser.new_page(viewport={"width": 1000, "height": 700})
    ask(page, url, "How many hours of overtime are allowed in a year?")
    page.wait_for_selector("#fedqa-cite-1")
    assert "one hundred and twenty hours a year" in page.inner_text("#fedqa-output")
    assert "Working time and overtime" in page.inner_text("#fedqa-cite-1")
    page.click("a.fedqa-marker >> nth=0")
    page.wait_for_timeout(300)
    assert page.evaluate(
        "() => { const r = document.getElementById('fedqa-cite-1').getBoundingClientRect();"
        " return r.top < window.innerHeight && r.bottom > 0; }"
    )
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)


def test_no_answer_path_in_the_browser(browser_app):
    browser, url = browser_app
    page = browser.new_page()
    ask(page, url, "What is the recipe for borscht?")
    text = page.inner_text("#fedqa-output")
    assert "do not cover" in text and "Closest passages (not an answer)" in text
    assert page.locator("#fedqa-cite-1").count() == 0


def test_xss_payloads_never_run(browser_app):
    browser, url = browser_app
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    shown = 0
    for payload in XSS:
        ask(page, url, f"How many days before strike must the committee warn? {payload}")
        html = page.inner_html("#fedqa-output")
        shown += "Strike notice" in html
        assert page.evaluate("() => window.__xss") is None
        injected = page.evaluate(
            "() => document.querySelectorAll('#fedqa-output script, #fedqa-output iframe,"
            " #fedqa-output img, #fedqa-output svg, #fedqa-output object, #fedqa-output embed,"
            " #fedqa-output [onerror], #fedqa-output [onload], #fedqa-output a[href^=javascript]"
            "').length"
        )
        assert injected == 0, payload
    assert dialogs == []
    assert all(r.startswith(url) or r.startswith("data:") for r in requests), set(requests)
    assert shown >= len(XSS) // 2, "the hostile documents should be among the answers"
