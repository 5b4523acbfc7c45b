// Caseworker pages: SLA countdowns, a queue that refreshes on new alerts, the SMS segment
// counter, and the CSV import in batches with a progress bar. No framework.
"use strict";

const GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡" +
  "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXT = "^{}\\[~]|€\f";

function segmentsOf(text) {
  let units = 0, gsm = true;
  for (const ch of text) {
    if (GSM7.includes(ch)) units += 1;
    else if (GSM7_EXT.includes(ch)) units += 2;
    else { gsm = false; break; }
  }
  if (!gsm) units = text.length; // UTF-16 code units
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const parts = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  return { units, parts, encoding: gsm ? "GSM-7" : "UCS-2" };
}

function segmentCounter() {
  for (const area of document.querySelectorAll("textarea[data-segments]")) {
    const out = document.querySelector(area.dataset.segments);
    const show = () => {
      const s = segmentsOf(area.value);
      out.textContent = `${area.value.length} characters · ${s.parts} SMS part${s.parts === 1 ? "" : "s"} (${s.encoding})`;
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
      const text = abs >= 3600 ? `${Math.floor(abs / 3600)} h ${Math.floor((abs % 3600) / 60)} min` : `${m} min ${s} s`;
      el.textContent = left >= 0 ? `SLA: ${text} left` : `SLA: overdue by ${text}`;
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
      if (!reply.ok) { label.textContent = `Stopped: ${await reply.text()}`; return; }
      for (const r of (await reply.json()).results) {
        r.ok ? ok++ : bad++;
        const tr = table.insertRow();
        tr.className = r.ok ? "ok" : "error";
        tr.insertCell().textContent = r.line;
        tr.insertCell().textContent = r.message;
      }
      bar.value = Math.min(records.length, start + 200);
      label.textContent = `${bar.value} of ${records.length} rows: ${ok} registered, ${bad} with errors`;
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  segmentCounter(); slaCountdowns(); pollForChanges(); csvImport();
});
