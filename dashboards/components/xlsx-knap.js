// The XLSX twin of every CSV download: the same header and cells, written in the browser by the one XLSX writer
// (xlsx-workbook.ts, which also writes the releases' appendix and the worklists). Shown figures become numbers with
// Danish formats; `<5`, `–` and any other text stay text. exceljs is loaded from the site itself on the first click.

/** A cell as the table shows it (`1.234`, `84,3 %`, `18,4`, `<5`) → the value and kind for Excel. */
export function xlsxCelle(tekst) {
  const t = String(tekst ?? "").trim();
  if (t === "") return { value: null, kind: "text" };
  const m = /^([−-]?)(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d+))?(\s?%)?$/.exec(t);
  if (!m) return { value: t, kind: "text" };
  const n = Number(`${m[1] ? "-" : ""}${m[2].replaceAll(".", "")}${m[3] ? `.${m[3]}` : ""}`);
  if (m[4]) return { value: n / 100, kind: "percent", decimals: m[3]?.length ?? 0 };
  if (m[3]) return { value: n, kind: "decimal", decimals: m[3].length };
  return { value: n, kind: "integer" };
}

/** The workbook description of a table: one sheet, the CSV's header and cells. */
export function xlsxTabel(header, rows, navn = "Tabel") {
  const keys = header.map((_, i) => `k${i}`);
  const data = rows.map((cells) => {
    const row = { _kind: {}, _dec: {} };
    cells.forEach((c, i) => {
      const x = xlsxCelle(c);
      row[keys[i]] = x.value;
      row._kind[keys[i]] = x.kind;
      row._dec[keys[i]] = x.decimals;
    });
    return row;
  });
  // A column's decimals: the most any of its cells shows (the writer takes one number per column).
  const decimals = keys.map((k) => Math.max(0, ...data.map((r) => r._dec[k] ?? 0)));
  return {
    sheets: [
      {
        kind: "table",
        name: navn,
        columns: header.map((h, i) => ({ key: keys[i], header: String(h), kind: (row) => row._kind[keys[i]] ?? "text", decimals: decimals[i] || undefined })),
        rows: data,
      },
    ],
  };
}

/** A link that writes the table as `<filnavn>.xlsx` when clicked. */
export function xlsxKnap(header, rows, filnavn) {
  const a = document.createElement("a");
  a.className = "xlsx-knap";
  a.href = "#";
  a.setAttribute("role", "button");
  a.setAttribute("download", `${filnavn}.xlsx`);
  a.textContent = "Hent som Excel (XLSX)";
  a.addEventListener("click", async (e) => {
    if (a.dataset.klar) return; // the second, programmatic click follows the prepared link
    e.preventDefault();
    const { xlsxBytes } = await import("./xlsx-workbook.js");
    const bytes = await xlsxBytes(xlsxTabel(header, rows));
    a.href = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    a.dataset.klar = "1";
    a.click();
    delete a.dataset.klar;
  });
  return a;
}
