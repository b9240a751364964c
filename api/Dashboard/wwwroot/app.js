// CraftCX supervisor dashboard: signs in with an API key (kept in this tab's sessionStorage only), exchanges it
// for a short-lived access token, joins a workspace on the live hub and renders what arrives.
"use strict";

const els = (id) => document.getElementById(id);
const state = {
  key: sessionStorage.getItem("craftcx.key"),
  token: null,
  tenant: null,
  tokenExpires: 0,
  workspace: new URLSearchParams(location.search).get("workspace") || sessionStorage.getItem("craftcx.workspace") || "support-eu",
  conversations: new Map(),
  agents: new Map(),
  alerts: [],
  summary: null,
  calibration: null,
  calibrationTimer: null,
  trend: null,
  trendTimer: null,
  connection: null,
  charts: new Map(),
  renderQueued: false,
};

async function accessToken() {
  if (state.token && Date.now() < state.tokenExpires - 60_000) {
    return state.token;
  }
  const response = await fetch("/v1/auth/token", { method: "POST", headers: { Authorization: "Bearer " + state.key } });
  if (!response.ok) {
    throw new Error(response.status === 401 ? "The key was refused." : "Could not get an access token (" + response.status + ").");
  }
  const body = await response.json();
  state.token = body.accessToken;
  state.tenant = body.tenant;
  state.tokenExpires = Date.parse(body.expiresAt);
  return state.token;
}

function setStatus(text, live) {
  els("status").textContent = text;
  els("status").classList.toggle("live", !!live);
}

async function signIn(key) {
  state.key = key;
  state.token = null;
  await accessToken();
  sessionStorage.setItem("craftcx.key", key);
  els("login").hidden = true;
  els("dashboard").hidden = false;
  els("workspace-form").hidden = false;
  els("sign-out").hidden = false;
  els("workspace").value = state.workspace;
  await connect();
}

async function connect() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/hubs/live", { accessTokenFactory: accessToken })
    .withAutomaticReconnect()
    .build();
  connection.on("ConversationScoresChanged", (workspace, conversations) => {
    if (workspace !== state.workspace) return;
    for (const c of conversations) {
      if (c.removed) state.conversations.delete(c.conversation);
      else state.conversations.set(c.conversation, c);
    }
    queueRender();
  });
  connection.on("AgentScoresChanged", (workspace, agents) => {
    if (workspace !== state.workspace) return;
    for (const a of agents) state.agents.set(a.agentId, a);
    queueRender();
  });
  connection.on("WorkspaceAggregateChanged", (workspace, lastHour) => {
    if (workspace !== state.workspace) return;
    state.summary = lastHour;
    if (!state.counted) {
      state.counted = true;
      loadTrend();
    }
    queueRender();
  });
  connection.on("Alerts", (workspace, alerts) => {
    if (workspace !== state.workspace) return;
    state.alerts = alerts.concat(state.alerts).slice(0, 50);
    queueRender();
  });
  connection.onreconnecting(() => setStatus("reconnecting…"));
  connection.onreconnected(() => join(state.workspace));
  connection.onclose(() => setStatus("disconnected"));
  await connection.start();
  state.connection = connection;
  await join(state.workspace);
}

async function join(workspace) {
  if (state.connection && state.joined && state.joined !== workspace) {
    await state.connection.invoke("LeaveWorkspace", state.joined);
  }
  const snapshot = await state.connection.invoke("JoinWorkspace", workspace);
  state.joined = workspace;
  state.workspace = workspace;
  sessionStorage.setItem("craftcx.workspace", workspace);
  state.conversations = new Map(snapshot.conversations.map((c) => [c.conversation, c]));
  state.summary = snapshot.view ? snapshot.view.windows[0] : null;
  // A workspace that never counted anything has no history to ask for (the answer would be a 404).
  state.counted = !!snapshot.view;
  state.agents = new Map((state.summary?.leaderboard || []).map((e) => [e.agentId, { agentId: e.agentId, isBot: e.isBot, conversations: e.conversations, meanOverall: e.meanOverall }]));
  state.alerts = [];
  setStatus("live · " + workspace, true);
  queueRender();
  loadCalibration();
  loadTrend();
}

// History moves by the day: fetched on join, when the period changes and every minute, not pushed.
async function loadTrend() {
  clearTimeout(state.trendTimer);
  state.trendTimer = setTimeout(loadTrend, 60_000);
  const workspace = state.workspace;
  if (!state.counted) {
    state.trend = { empty: true };
    renderTrend();
    return;
  }
  const days = Number(els("trend-period").value);
  const from = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10) + "T00:00:00Z";
  try {
    const token = await accessToken();
    const response = await fetch("/v1/tenants/" + encodeURIComponent(state.tenant) + "/workspaces/" + encodeURIComponent(workspace) +
      "/history?granularity=day&compare=true&from=" + encodeURIComponent(from), { headers: { Authorization: "Bearer " + token } });
    if (workspace !== state.workspace) return;
    state.trend = response.ok ? await response.json() : response.status === 404 ? { empty: true } : { error: "history unavailable (" + response.status + ")" };
  } catch (error) {
    state.trend = { error: error.message };
  }
  renderTrend();
  loadPeerBenchmarks();
}

// The tenant's rank among its peers, when it opted in: a line per segment it belongs to.
async function loadPeerBenchmarks() {
  const list = els("peer-benchmarks");
  try {
    const token = await accessToken();
    const response = await fetch("/v1/tenants/" + encodeURIComponent(state.tenant) + "/benchmarks", { headers: { Authorization: "Bearer " + token } });
    const view = response.ok ? await response.json() : null;
    list.replaceChildren();
    list.hidden = !view || !view.settings.optIn;
    if (list.hidden) return;
    if (view.segments.length === 0) {
      list.appendChild(Object.assign(document.createElement("li"), { textContent: "Peer benchmark (" + view.settings.industry + "): nothing published yet." }));
    }
    for (const s of view.segments) {
      const item = document.createElement("li");
      item.dataset.segment = s.channel + "/" + s.handler;
      const name = "Peer benchmark (" + view.settings.industry + " · " + s.channel + " · " + s.handler + "): ";
      item.textContent = s.benchmark
        ? name + "your mean " + fixed(s.mean, 1) + " ranks above " + s.percentileRank + "% of peers' conversations (peer mean " + s.benchmark.overall.mean + ", p50 " + s.benchmark.overall.p50 + ", " + s.benchmark.tenants + "+ tenants)"
        : name + "not published (too few tenants, or one too large a share).";
      if (s.benchmark) item.dataset.rank = s.percentileRank;
      list.appendChild(item);
    }
  } catch (error) {
    list.hidden = true;
  }
}

// The chosen score per bucket: the overall mean, or one criterion's; null where the day had no conversation.
function trendValues(period, criterion) {
  return (period?.buckets || []).map((b) => (criterion ? b.criteria?.[criterion]?.mean : b.overall.mean) ?? null);
}

function renderTrend() {
  const t = state.trend;
  const canvas = els("trend-chart");
  const criterion = els("trend-criterion").value;
  if (!t || t.error || t.empty) {
    els("trend-summary").textContent = t?.error ? "· " + t.error : "· no history yet";
    canvas.dataset.days = "0";
    chart("trend-chart", { type: "line", data: { labels: [], datasets: [] }, options: trendOptions });
    return;
  }

  const picker = els("trend-criterion");
  const known = new Set([...picker.options].map((o) => o.value));
  for (const id of Object.keys(t.current.total.criteria || {})) {
    if (!known.has(id)) picker.add(new Option(id, id));
  }

  const current = trendValues(t.current, criterion);
  const previous = trendValues(t.previous, criterion);
  const active = t.current.buckets.filter((b) => b.conversations > 0);
  canvas.dataset.days = String(active.length);
  canvas.dataset.conversations = String(t.current.total.conversations);
  canvas.dataset.previousConversations = String(t.previous?.total.conversations ?? 0);
  canvas.dataset.from = t.current.from;
  const mean = criterion ? t.current.total.criteria?.[criterion]?.mean : t.current.total.overall.mean;
  const before = criterion ? t.previous?.total.criteria?.[criterion]?.mean : t.previous?.total.overall.mean;
  els("trend-summary").textContent = "· " + t.current.total.conversations + " conversations, mean " + fixed(mean, 1) +
    (before == null ? "" : " (previous period " + fixed(before, 1) + ")");
  chart("trend-chart", {
    type: "line",
    data: {
      labels: t.current.buckets.map((b) => b.from.slice(0, 10)),
      datasets: [
        { label: "this period", data: current, borderColor: "#38bdf8", backgroundColor: "#38bdf8", spanGaps: true, pointRadius: 2 },
        { label: "previous period", data: previous, borderColor: "#94a3b8", backgroundColor: "#94a3b8", borderDash: [4, 4], spanGaps: true, pointRadius: 0 },
      ],
    },
    options: trendOptions,
  });
}

const trendOptions = {
  animation: false,
  plugins: { legend: { labels: { color: "#94a3b8" } } },
  scales: { x: { ticks: { color: "#94a3b8", maxTicksLimit: 12 } }, y: { ticks: { color: "#94a3b8" }, min: 0, max: 100 } },
};

// Calibration moves at the pace of human reviews: fetched on join and every 15 s, not pushed.
async function loadCalibration() {
  clearTimeout(state.calibrationTimer);
  state.calibrationTimer = setTimeout(loadCalibration, 15_000);
  const workspace = state.workspace;
  try {
    const token = await accessToken();
    const response = await fetch("/v1/tenants/" + encodeURIComponent(state.tenant) + "/workspaces/" + encodeURIComponent(workspace) + "/calibration",
      { headers: { Authorization: "Bearer " + token } });
    if (workspace !== state.workspace) return;
    state.calibration = response.ok ? await response.json() : { error: "calibration unavailable (" + response.status + ")" };
  } catch (error) {
    state.calibration = { error: error.message };
  }
  renderCalibration();
}

const fixed = (value, digits) => (value == null ? "–" : value.toFixed(digits));
const percent = (value) => (value == null ? "–" : Math.round(value * 100) + "%");

function renderCalibration() {
  const c = state.calibration;
  const body = els("calibration").tBodies[0];
  body.replaceChildren();
  if (!c || c.error) {
    els("calibration-summary").textContent = c ? "· " + c.error : "";
    return;
  }
  els("calibration-summary").textContent = "· " + c.reviewedConversations + " reviewed conversations, " + c.reviews + " reviews, " + c.openDisputes + " open disputes";
  for (const row of [...c.criteria, c.all]) {
    const tr = body.insertRow();
    tr.dataset.criterion = row.criterionId;
    if (row === c.all) tr.className = "total";
    cell(tr, row.criterionId);
    cell(tr, fixed(row.aiVsHuman.weightedKappa, 2), "kappa").dataset.pairs = row.aiVsHuman.pairs;
    cell(tr, fixed(row.aiVsHuman.meanAbsoluteDifference, 1), "ai-mad");
    cell(tr, percent(row.aiVsHuman.shareWithin10));
    cell(tr, row.aiVsHuman.pairs, "ai-pairs");
    cell(tr, fixed(row.ruleVsHuman.weightedKappa, 2));
    cell(tr, fixed(row.ruleVsHuman.meanAbsoluteDifference, 1));
    cell(tr, fixed(row.humanVsHuman.weightedKappa, 2));
    cell(tr, fixed(row.humanVsHuman.meanAbsoluteDifference, 1), "human-mad");
    cell(tr, row.humanVsHuman.pairs, "human-pairs");
  }
}

function queueRender() {
  if (state.renderQueued) return;
  state.renderQueued = true;
  requestAnimationFrame(() => { state.renderQueued = false; render(); });
}

const scoreClass = (s) => (s < 60 ? "low" : s < 80 ? "mid" : "high");
const text = (value) => document.createTextNode(value == null ? "–" : String(value));

function cell(row, content, className) {
  const td = row.insertCell();
  if (content instanceof Node) td.appendChild(content); else td.appendChild(text(content));
  if (className) td.className = className;
  return td;
}

function badge(label, className) {
  const span = document.createElement("span");
  span.className = "badge " + className;
  span.textContent = label;
  return span;
}

function render() {
  const s = state.summary;
  els("kpi-conversations").textContent = s ? s.conversations : "–";
  els("kpi-mean").textContent = s ? fixed(s.overall.mean, 1) : "–";
  els("kpi-percentiles").textContent = s && s.overall.p50 != null ? s.overall.p50 + " / " + s.overall.p90 : "–";
  els("kpi-autofails").textContent = s ? s.autoFailed : "–";

  const body = els("conversations").tBodies[0];
  body.replaceChildren();
  const open = [...state.conversations.values()].filter((c) => !c.closed).sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, 50);
  for (const c of open) {
    const row = body.insertRow();
    row.dataset.conversation = c.conversation;
    cell(row, c.conversation);
    const agent = document.createDocumentFragment();
    agent.appendChild(text(c.agentId));
    if (c.agentIsBot) agent.appendChild(badge("bot", "bot"));
    cell(row, agent);
    const score = cell(row, c.overall, "score " + scoreClass(c.overall));
    score.dataset.score = c.overall;
    cell(row, fixed(c.sentiment, 2));
    const alerts = document.createDocumentFragment();
    for (const a of c.alerts || []) alerts.appendChild(badge(a, a));
    if (c.autoFailed && !(c.alerts || []).includes("auto-fail")) alerts.appendChild(badge("auto-fail", "auto-fail"));
    cell(row, alerts);
    cell(row, new Date(c.at).toLocaleTimeString());
  }

  const board = els("leaderboard").tBodies[0];
  board.replaceChildren();
  const ranked = [...state.agents.values()].filter((a) => a.conversations > 0).sort((a, b) => (b.meanOverall ?? 0) - (a.meanOverall ?? 0));
  ranked.forEach((a, i) => {
    const row = board.insertRow();
    row.dataset.agent = a.agentId;
    cell(row, i + 1);
    const name = document.createDocumentFragment();
    name.appendChild(text(a.agentId));
    if (a.isBot) name.appendChild(badge("bot", "bot"));
    cell(row, name);
    cell(row, a.conversations);
    cell(row, fixed(a.meanOverall, 1), "score " + scoreClass(a.meanOverall ?? 0));
  });

  const list = els("alerts");
  list.replaceChildren();
  for (const a of state.alerts) {
    const item = document.createElement("li");
    item.appendChild(badge(a.kind, a.kind));
    item.appendChild(text(" " + a.conversation + " · " + (a.agentId || "") + " · " + a.detail));
    list.appendChild(item);
  }

  renderCharts(s);
}

function bins(histogram) {
  const counts = new Array(10).fill(0);
  (histogram || []).forEach((n, score) => { counts[Math.min(9, Math.floor(score / 10))] += n; });
  return counts;
}

function chart(id, config) {
  const existing = state.charts.get(id);
  if (existing) {
    existing.data = config.data;
    existing.update("none");
    return;
  }
  state.charts.set(id, new Chart(els(id) || createCanvas(id), config));
}

function createCanvas(id) {
  const figure = document.createElement("figure");
  const canvas = document.createElement("canvas");
  canvas.id = id;
  canvas.height = 140;
  const caption = document.createElement("figcaption");
  caption.textContent = id.replace(/^hist-/, "");
  figure.append(caption, canvas);
  els("histograms").appendChild(figure);
  return canvas;
}

const labels = ["0–9", "10–19", "20–29", "30–39", "40–49", "50–59", "60–69", "70–79", "80–89", "90–100"];
const barOptions = { animation: false, plugins: { legend: { display: false } }, scales: { x: { ticks: { color: "#94a3b8" } }, y: { ticks: { color: "#94a3b8" }, beginAtZero: true } } };

function renderCharts(s) {
  if (!s) return;
  chart("hist-overall", { type: "bar", data: { labels, datasets: [{ data: bins(s.overall.histogram), backgroundColor: "#38bdf8" }] }, options: barOptions });
  for (const [criterion, summary] of Object.entries(s.criteria || {})) {
    chart("hist-" + criterion, { type: "bar", data: { labels, datasets: [{ data: bins(summary.histogram), backgroundColor: "#818cf8" }] }, options: barOptions });
  }
  const handlers = s.byHandler || [];
  chart("handlers-chart", {
    type: "bar",
    data: { labels: handlers.map((h) => h.handledBy), datasets: [{ data: handlers.map((h) => h.meanOverall), backgroundColor: ["#4ade80", "#0e7490", "#fbbf24"] }] },
    options: { ...barOptions, scales: { ...barOptions.scales, y: { ...barOptions.scales.y, max: 100 } } },
  });
}

els("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  els("login-error").textContent = "";
  try {
    await signIn(els("api-key").value.trim());
    els("api-key").value = "";
  } catch (error) {
    els("login-error").textContent = error.message;
  }
});

els("workspace-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  await join(els("workspace").value.trim());
});

els("trend-period").addEventListener("change", () => loadTrend());
els("trend-criterion").addEventListener("change", () => renderTrend());

els("sign-out").addEventListener("click", async () => {
  sessionStorage.removeItem("craftcx.key");
  if (state.connection) await state.connection.stop();
  location.reload();
});

if (state.key) {
  signIn(state.key).catch((error) => { sessionStorage.removeItem("craftcx.key"); els("login-error").textContent = error.message; });
}
