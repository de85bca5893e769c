// The staff inbox, live. Every customer-supplied string goes into the page with
// textContent (never innerHTML), so it is text whatever it contains.
"use strict";
(function () {
  const root = document.getElementById("inbox");
  if (!root) return;
  const list = document.getElementById("conversations");
  const liveState = document.getElementById("live-state");
  const empty = document.getElementById("empty");
  const statuses = (root.dataset.statuses || "").split(",").filter(Boolean);
  const channelFilter = root.dataset.channel || "";
  const view = root.dataset.view || "open";
  const openId = root.dataset.open || "";
  const thread = document.getElementById("thread");
  const messages = document.getElementById("messages");
  const notice = document.getElementById("notice");
  let after = root.dataset.after || "-1";

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function when(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toLocaleString([], { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
  }

  function whoIs(conv) {
    const c = conv.customer || {};
    return c.name || c.phone || conv.channel + " " + String(conv.external_id || "").slice(0, 12);
  }

  function convHref(id) {
    const q = new URLSearchParams({ view: view });
    if (channelFilter) q.set("channel", channelFilter);
    q.set("c", id);
    return "/staff?" + q.toString();
  }

  function wanted(conv) {
    return (!statuses.length || statuses.includes(conv.status)) &&
      (!channelFilter || conv.channel === channelFilter);
  }

  function buildItem(conv) {
    const li = el("li", "conv");
    li.dataset.id = conv.id;
    const a = el("a");
    a.href = convHref(conv.id);
    const r1 = el("span", "row");
    r1.append(el("span", "name", whoIs(conv)), el("time", null, when(conv.last_message_at)));
    const r2 = el("span", "tags");
    r2.append(el("span", "badge ch", conv.channel), el("span", "badge st", conv.status));
    if (conv.escalation_reason) r2.append(el("span", "reason", conv.escalation_reason));
    if (conv.assigned_to) r2.append(el("span", "assigned", "· " + conv.assigned_to));
    a.append(r1, r2, el("span", "preview", (conv.preview || "").slice(0, 140)));
    li.append(a);
    li.classList.add("status-" + conv.status);
    li.dataset.status = conv.status;
    if (conv.id === openId) li.classList.add("current");
    return li;
  }

  function upsertItem(conv, moveToTop) {
    const old = list.querySelector('li[data-id="' + CSS.escape(conv.id) + '"]');
    if (!wanted(conv)) {
      if (old) old.remove();
    } else {
      if (!conv.preview && old) {
        const prev = old.querySelector(".preview");
        conv.preview = prev ? prev.textContent : "";
      }
      const fresh = buildItem(conv);
      if (old && !moveToTop) old.replaceWith(fresh);
      else {
        if (old) old.remove();
        list.prepend(fresh);
        fresh.classList.add("new");
      }
    }
    empty.hidden = list.children.length > 0;
  }

  function authorLabel(m) {
    if (m.author === "staff") return m.author_name || "Staff";
    return m.author === "bot" ? "Bot" : "Customer";
  }

  function appendMessage(m) {
    if (!messages || messages.querySelector('li[data-id="' + m.id + '"]')) return;
    const li = el("li", "msg " + m.direction + " author-" + m.author);
    li.dataset.id = m.id;
    const meta = el("span", "meta", authorLabel(m) + " · ");
    meta.append(el("time", null, when(m.created_at)));
    li.append(meta, el("p", "text", m.text));
    messages.append(li);
    li.scrollIntoView({ block: "end" });
  }

  function showThreadState(conv) {
    if (!thread || conv.id !== thread.dataset.id) return;
    thread.dataset.status = conv.status;
    document.getElementById("thread-status").textContent = conv.status;
    document.getElementById("thread-reason").textContent = conv.escalation_reason || "";
    document.getElementById("thread-assigned").textContent = conv.assigned_to ? "held by " + conv.assigned_to : "";
  }

  function say(text, bad) {
    if (!notice) return;
    notice.textContent = text;
    notice.classList.toggle("error", !!bad);
  }

  const api = window.hibachiApi;  // static/api.js: JSON calls with the CSRF header

  if (thread) {
    const id = thread.dataset.id;
    thread.querySelectorAll("button[data-action]").forEach((btn) => {
      btn.addEventListener("click", async () => {
        const action = btn.dataset.action;
        btn.disabled = true;
        try {
          const conv = await api("POST", "/api/conversations/" + id + "/" + action);
          showThreadState(conv);
          upsertItem(conv, false);
          if (conv.resumed) appendMessage(conv.resumed);
          say(action === "claim" ? "You hold this conversation; the bot is silent."
            : action === "release" ? "Handed back to the bot."
            : "Closed.");
        } catch (err) {
          say(err.message, true);
        } finally {
          btn.disabled = false;
        }
      });
    });
    const form = document.getElementById("reply");
    const box = document.getElementById("reply-text");
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const text = box.value.trim();
      if (!text) return;
      const send = form.querySelector("button");
      send.disabled = true;
      try {
        const out = await api("POST", "/api/conversations/" + id + "/messages", { text: text });
        box.value = "";
        appendMessage(out.message);
        showThreadState(out);
        say("Sent on " + out.channel + ".");
      } catch (err) {
        say(err.message, true);
      } finally {
        send.disabled = false;
      }
    });
    box.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) form.requestSubmit();
    });
    if (messages.lastElementChild) messages.lastElementChild.scrollIntoView({ block: "end" });
  }

  // Live feed: Server-Sent Events from the database (works across server processes).
  let unseen = 0;
  const baseTitle = document.title;
  function bump(conv) {
    if (document.hidden && conv.status === "escalated") {
      unseen += 1;
      document.title = "(" + unseen + ") " + baseTitle;
    }
  }
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) { unseen = 0; document.title = baseTitle; }
  });

  function connect() {
    const src = new EventSource("/api/staff/events?after=" + encodeURIComponent(after));
    src.addEventListener("ready", () => { liveState.textContent = "live"; liveState.classList.add("on"); });
    src.addEventListener("message", (ev) => {
      const data = JSON.parse(ev.data);
      after = ev.lastEventId || after;
      upsertItem(data.conversation, true);
      if (thread && data.conversation.id === thread.dataset.id) {
        appendMessage(data.message);
        showThreadState(data.conversation);
      }
      if (data.message.author === "customer") bump(data.conversation);
    });
    src.addEventListener("conversation", (ev) => {
      const data = JSON.parse(ev.data);
      upsertItem(data.conversation, data.conversation.status === "escalated");
      showThreadState(data.conversation);
      bump(data.conversation);
    });
    src.onerror = () => { liveState.textContent = "reconnecting…"; liveState.classList.remove("on"); };
  }
  connect();
})();
