using OpenQA.Selenium;

namespace Platform.Panel.Tests.Quality;

/// <summary>
/// What WCAG 2.1 AA asks of a page that a browser can check by itself, read from the rendered page: a language, no
/// sideways scrolling at the width of a phone (1.4.10 reflow), a label for every field (1.3.1, 3.3.2, 4.1.2), a name
/// for every button and link, an alternative text for every image (1.1.1), text contrast of 4.5:1 (3:1 when large,
/// 1.4.3), nothing kept out of the keyboard's reach (2.1.1). It cannot judge whether a label is apt.
/// </summary>
internal static class Accessibility
{
    private const string Check = """
        const problems = [];
        const root = document.documentElement;
        if (!root.lang) problems.push('the page names no language');
        if (root.scrollWidth > window.innerWidth + 1) problems.push(`wider than the screen: ${root.scrollWidth} px on ${window.innerWidth} px`);
        const shown = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
        const what = e => e.outerHTML.slice(0, 90);
        for (const f of document.querySelectorAll('input, select, textarea')) {
          if (['hidden', 'submit', 'button', 'reset', 'image'].includes(f.type) || !shown(f)) continue;
          if (!((f.labels && f.labels.length) || f.getAttribute('aria-label') || f.getAttribute('aria-labelledby'))) problems.push(`a field without a label: ${what(f)}`);
        }
        for (const c of document.querySelectorAll('button, a[href], input[type=submit]')) {
          if (!shown(c)) continue;
          if (!((c.innerText || c.value || '').trim() || c.getAttribute('aria-label') || c.querySelector('img[alt]:not([alt=""])'))) problems.push(`a control without a name: ${what(c)}`);
        }
        for (const e of document.querySelectorAll('a[href], button, input, select, textarea, summary')) {
          if (shown(e) && e.tabIndex < 0) problems.push(`out of the keyboard's reach: ${what(e)}`);
        }
        for (const i of document.querySelectorAll('img')) if (!i.hasAttribute('alt')) problems.push(`an image without alt: ${what(i)}`);
        const rgb = c => { const m = /rgba?\(([^)]+)\)/.exec(c); if (!m) return null; const p = m[1].split(',').map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
        const luminance = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
        const behind = e => { for (; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c && c.a >= 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
        for (const e of document.querySelectorAll('body *')) {
          if (!shown(e) || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
          const s = getComputedStyle(e);
          const [a, b] = [luminance(rgb(s.color)), luminance(behind(e))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          const size = parseFloat(s.fontSize);
          const large = size >= 24 || (parseInt(s.fontWeight, 10) >= 700 && size >= 18.66);
          if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}:1 of "${e.textContent.trim().slice(0, 40)}"`);
        }
        return problems;
        """;

    /// <summary>What the page now shown falls short of, each in words; empty when nothing does.</summary>
    public static IReadOnlyList<string> Problems(IWebDriver driver) =>
        [.. ((IReadOnlyCollection<object>)((IJavaScriptExecutor)driver).ExecuteScript(Check)!).Select(p => (string)p)];
}
