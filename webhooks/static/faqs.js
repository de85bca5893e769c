// /admin/faqs: filter, create, edit, delete entries; "try a question" shows what the
// bot would answer and the score. Entry text is set with textContent only.
"use strict";
(function () {
  const api = window.hibachiApi;
  const notice = document.getElementById("faq-notice");
  function say(text, bad) {
    notice.textContent = text;
    notice.classList.toggle("error", !!bad);
  }
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function tags(raw) {
    return String(raw || "").split(",").map((t) => t.trim()).filter(Boolean);
  }

  // Filter the list by words (question and answer).
  const filter = document.getElementById("filter");
  filter.addEventListener("input", () => {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelectorAll("#faq-list .faq").forEach((art) => {
      const text = art.querySelector(".q").textContent.toLowerCase() + " " + art.querySelector(".a").textContent.toLowerCase();
      art.hidden = !words.every((w) => text.includes(w));
    });
  });

  // Try a question.
  const tryForm = document.getElementById("try-form");
  const result = document.getElementById("try-result");
  tryForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const q = document.getElementById("try-q").value.trim();
    if (!q) return;
    result.replaceChildren(el("p", "muted", "Asking…"));
    try {
      const out = await api("POST", "/api/faqs/search", { q: q });
      const top = out.matches[0];
      const parts = [];
      if (out.answerable && top) {
        parts.push(el("p", null, "The bot would answer:"));
        parts.push(el("div", "answer", top.answer));
      } else {
        parts.push(el("div", "answer none", "No confident answer: the bot would hand this question to staff."));
      }
      parts.push(el("p", "muted", "Confidence " + Math.round((out.probability || 0) * 100) + "%"));
      const ol = el("ol");
      out.matches.forEach((m) => {
        const li = el("li", null, m.question + " ");
        li.append(el("span", "muted", "score " + m.score.toFixed(3)));
        ol.append(li);
      });
      if (out.matches.length) parts.push(el("p", "muted", "Closest entries:"), ol);
      result.replaceChildren(...parts);
    } catch (err) {
      result.replaceChildren(el("p", "error", err.message));
    }
  });

  // Create.
  const newForm = document.getElementById("new-form");
  newForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const fd = new FormData(newForm);
    try {
      await api("POST", "/api/faqs", { question: fd.get("question"), answer: fd.get("answer"), tags: tags(fd.get("tags")) });
      window.location.reload();
    } catch (err) {
      say(err.message, true);
    }
  });

  // Edit and delete.
  document.querySelectorAll("#faq-list .faq").forEach((art) => {
    const id = art.dataset.id;
    const form = art.querySelector("form.edit");
    art.querySelector("[data-edit]").addEventListener("click", () => { form.hidden = !form.hidden; });
    art.querySelector("[data-cancel]").addEventListener("click", () => { form.hidden = true; });
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      const btn = form.querySelector("button[type=submit]");
      btn.disabled = true;
      try {
        const e = await api("PUT", "/api/faqs/" + id, { question: fd.get("question"), answer: fd.get("answer"), tags: tags(fd.get("tags")) });
        art.querySelector(".q").textContent = e.question;
        art.querySelector(".a").textContent = e.answer;
        form.hidden = true;
        say("Saved: the bot uses the new answer from now on.");
      } catch (err) {
        say(err.message, true);
      } finally {
        btn.disabled = false;
      }
    });
    art.querySelector("[data-delete]").addEventListener("click", async () => {
      if (!window.confirm("Delete this entry?")) return;
      try {
        await api("DELETE", "/api/faqs/" + id);
        art.remove();
        say("Deleted.");
      } catch (err) {
        say(err.message, true);
      }
    });
  });
})();
