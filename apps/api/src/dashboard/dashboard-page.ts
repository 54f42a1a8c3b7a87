const STYLE = `
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: #1d2733; background: #f3f5f8; }
header { background: #0b3d66; color: #fff; padding: 14px 24px; display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: center; }
header h1 { font-size: 20px; margin: 0; flex: 1 1 auto; }
header form, #filters, #signed-in { display: flex; gap: 8px; align-items: center; }
header label { font-size: 13px; }
header input, header select, header button { font: inherit; padding: 5px 8px; border-radius: 4px; border: 1px solid #8aa4bd; }
header input { width: 22em; }
header button { background: #fff; color: #0b3d66; cursor: pointer; }
main { padding: 16px 24px 40px; max-width: 1280px; }
.status { min-height: 1.4em; margin: 0 0 8px; }
.status.error { color: #a01616; font-weight: 600; }
.scope { margin: 0 0 12px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(135px, 1fr)); gap: 12px; margin-bottom: 16px; }
.tile { display: flex; flex-direction: column; align-items: flex-start; text-align: left; font: inherit; color: inherit; cursor: pointer;
  background: #fff; border: 0; border-radius: 8px; padding: 12px 14px; border-top: 4px solid #0b3d66; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.tile:hover { box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.tile[aria-expanded="true"] { box-shadow: inset 0 0 0 2px #0b3d66; }
.tile.warn { border-top-color: #c62828; }
.tile-title { font-size: 13px; color: #4a5866; }
.tile-value { font-size: 30px; font-weight: 650; }
.tile-note { font-size: 12px; color: #5c6b7a; }
.tile-change { font-size: 12px; margin-top: 4px; font-weight: 600; }
:focus-visible { outline: 3px solid #1f6fb2; outline-offset: 2px; }
header :focus-visible { outline-color: #ffd34d; }
button.link { background: none; border: 0; padding: 0; font: inherit; color: #1f5f99; text-decoration: underline; cursor: pointer; text-align: left; }
summary { cursor: pointer; color: #1f5f99; padding: 2px 0; }
caption { text-align: left; font-size: 13px; color: #4a5866; padding: 4px 0; }
tbody th { font-size: 14px; color: inherit; }
.drill h2:focus { outline-offset: 4px; }
#drill-close { font: inherit; padding: 5px 10px; border-radius: 4px; border: 1px solid #4a5866; background: #fff; color: #1d2733; cursor: pointer; }
.row { display: flex; flex-wrap: wrap; gap: 16px; }
.card { background: #fff; border-radius: 8px; padding: 14px 18px; margin-bottom: 16px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.card.grow { flex: 1 1 600px; }
.card h2 { font-size: 17px; margin: 0 0 8px; }
.chart { width: 100%; height: auto; }
.chart.categories { max-width: 760px; display: block; }
.legend { font-size: 13px; margin: 0 0 6px; }
.key { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 10px; vertical-align: -1px; border-radius: 2px; }
.muted { color: #5c6b7a; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e3e7ec; vertical-align: middle; }
th { font-size: 13px; color: #4a5866; font-weight: 600; }
.num { font-variant-numeric: tabular-nums; }
.bar { vertical-align: middle; }
.ok { color: #1e6b23; font-weight: 600; }
.bad { color: #a01616; font-weight: 600; }
details { margin-top: 6px; }
`;

/** The page shell; the script fills it in once a token is given. `year` is the server's current year. */
export function dashboardPage(year: number): string {
  const years = [0, 1, 2, 3, 4].map((i) => `<option value="${year - i}">${year - i}</option>`).join('');
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Uppföljning – Synpunkt</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body data-year="${year}" data-state="start">
<header>
  <h1>Uppföljning av synpunkter och kvalitetsgarantier</h1>
  <form id="login" autocomplete="off">
    <label for="token">Token (utvecklingsläge)</label>
    <input id="token" name="token" type="password" placeholder="Klistra in din token" required>
    <button type="submit">Logga in</button>
  </form>
  <div id="signed-in" hidden><button type="button" id="logout">Logga ut</button></div>
  <div id="filters" hidden>
    <label for="year">År</label><select id="year">${years}</select>
    <label for="scope">Visa</label><select id="scope"></select>
  </div>
</header>
<main>
  <p id="status" class="status" role="status" aria-live="polite">Logga in med din token för att se uppföljningen.</p>
  <div id="content"></div>
</main>
<script src="/dashboard/app.js"></script>
</body>
</html>
`;
}
