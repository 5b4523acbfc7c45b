// Caseworker pages: SLA countdowns, a queue that refreshes on new alerts, the SMS segment
// counter, and the CSV import in batches with a progress bar. No framework.
"use strict";

const GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡" +
  "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXT = "^{}\\[~]|€\f";

// The texts this script shows, in the page's language: base.html puts them in
// <body data-texts> (dashboard/views.py script_texts), with %(name)s where a value goes; a
// plural has a text for each plural category of the page's language (one, many, other).
let texts = null, plurals = null;
function say(key, values = {}, count = null) {
  texts ??= JSON.parse(document.body.dataset.texts || "{}");
  let text = texts[key] ?? key;
  if (typeof text === "object") {
    plurals ??= new Intl.PluralRules(document.documentElement.lang || "en");
    text = text[plurals.select(count)] ?? text.other;
  }
  return text.replace(/%\((\w+)\)s/g, (found, name) => (name in values ? String(values[name]) : found));
}

// Counts as Twilio's calculator (npm sms-segments-calculator) and flows/segments.py do: the text
// in graphemes (a CR LF pair counts as two), none split across segments; one grapheme outside
// GSM-7 (ESC, a tab, an emoji, a letter with a combining accent...) makes the text UCS-2; a
// segment holds 1120 bits, less a 48-bit header once there are several. The browser's grapheme
// rules (Intl.Segmenter) are newer than the calculator's (Unicode 10): on a few emoji sequences
// (a rainbow flag, say) a count at a segment boundary can differ; the server's count is the one
// recorded.
function segmentsOf(text) {
  const split = typeof Intl !== "undefined" && Intl.Segmenter
    ? Array.from(new Intl.Segmenter("en", { granularity: "grapheme" }).segment(text), (s) => s.segment)
    : Array.from(text);
  const graphemes = split.flatMap((g) => (g === "\r\n" ? ["\r", "\n"] : [g]));
  const septets = (g) => (g.length !== 1 ? 0 : GSM7.includes(g) ? 1 : GSM7_EXT.includes(g) ? 2 : 0);
  const gsm = graphemes.every((g) => septets(g) > 0);
  const sizes = graphemes.map((g) => (gsm ? 7 * septets(g) : 16 * g.length)); // in bits
  const first = []; // the bits of each grapheme in the first segment
  let used = 0, parts = 1;
  for (const size of sizes) {
    if (1120 - used < size) {
      used = 48;
      if (parts === 1) { // the first segment takes its header: what no longer fits moves on
        let firstUsed = 48 + first.reduce((a, b) => a + b, 0);
        while (firstUsed > 1120) { const moved = first.pop(); firstUsed -= moved; used += moved; }
      }
      parts += 1;
    }
    if (parts === 1) first.push(size);
    used += size;
  }
  const units = sizes.reduce((a, b) => a + b, 0) / (gsm ? 7 : 16); // septets or UTF-16 units
  return { units, parts, encoding: gsm ? "GSM-7" : "UCS-2" };
}

function segmentCounter() {
  for (const area of document.querySelectorAll("textarea[data-segments]")) {
    const out = document.querySelector(area.dataset.segments);
    const show = () => {
      const s = segmentsOf(area.value);
      const parts = area.value ? s.parts : 0; // nothing typed, nothing sent
      const characters = say("characters", { count: area.value.length }, area.value.length);
      out.textContent = `${characters} · ${say("parts", { count: parts }, parts)} (${s.encoding})`;
    };
    area.addEventListener("input", show);
    show();
  }
}

function slaCountdowns() {
  const clocks = [...document.querySelectorAll(".sla[data-left]")];
  const started = Date.now();
  const tick = () => {
    for (const el of clocks) {
      const left = Number(el.dataset.left) - Math.floor((Date.now() - started) / 1000);
      const abs = Math.abs(left), m = Math.floor(abs / 60), s = abs % 60;
      const time = abs >= 3600
        ? say("hours", { hours: Math.floor(abs / 3600), minutes: Math.floor((abs % 3600) / 60) })
        : say("minutes", { minutes: m, seconds: s });
      el.textContent = say(left >= 0 ? "sla_left" : "sla_overdue", { time });
      el.classList.toggle("overdue", left < 0);
    }
  };
  if (clocks.length) { tick(); setInterval(tick, 1000); }
}

function pollForChanges() {
  // The alert queue and a returnee's conversation reload when something new arrives,
  // unless the caseworker is typing.
  for (const box of document.querySelectorAll("[data-poll][data-version]")) {
    setInterval(async () => {
      const busy = document.activeElement && ["INPUT", "TEXTAREA"].includes(document.activeElement.tagName);
      try {
        const reply = await fetch(box.dataset.poll, { headers: { Accept: "application/json" } });
        const { version } = await reply.json();
        if (version !== box.dataset.version && !busy) location.reload();
      } catch (e) { /* offline for a moment: try again next time */ }
    }, 5000);
  }
}

function parseCsv(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = "";
      if (row.some((v) => v !== "")) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((v) => v !== "")) rows.push(row);
  return rows;
}

function csvImport() {
  const form = document.getElementById("import");
  if (!form || !window.fetch || !window.FileReader) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) return;
    const [header, ...body] = parseCsv((await file.text()).replace(/^\uFEFF/, ""));
    const names = header.map((h) => h.trim().toLowerCase());
    const records = body.map((cells) => Object.fromEntries(names.map((n, i) => [n, cells[i] || ""])));
    const bar = document.getElementById("progress"), label = document.getElementById("progress-text");
    const table = document.querySelector("#outcomes tbody");
    table.innerHTML = "";
    bar.hidden = false; bar.max = records.length || 1; bar.value = 0;
    const token = document.querySelector("meta[name=csrf-token]").content;
    let ok = 0, bad = 0;
    for (let start = 0; start < records.length; start += 200) {
      const reply = await fetch(form.dataset.rows, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        body: JSON.stringify({ rows: records.slice(start, start + 200), first_line: start + 2 }),
      });
      if (!reply.ok) { label.textContent = say("stopped", { reason: await reply.text() }); return; }
      for (const r of (await reply.json()).results) {
        r.ok ? ok++ : bad++;
        const tr = table.insertRow();
        tr.className = r.ok ? "ok" : "error";
        tr.insertCell().textContent = r.line;
        tr.insertCell().textContent = r.message;
      }
      bar.value = Math.min(records.length, start + 200);
      label.textContent = say("progress", { done: bar.value, count: records.length, ok, bad },
        records.length);
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  segmentCounter(); slaCountdowns(); pollForChanges(); csvImport();
});
