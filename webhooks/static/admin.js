// /admin: cancel and reschedule bookings through the API, then reload the page.
"use strict";
(function () {
  const notice = document.getElementById("booking-notice");
  const api = window.hibachiApi;
  function say(text, bad) {
    notice.textContent = text;
    notice.classList.toggle("error", !!bad);
  }
  document.querySelectorAll("button[data-cancel]").forEach((btn) => {
    btn.addEventListener("click", async () => {
      const refund = btn.dataset.refund === "yes";
      if (!window.confirm("Cancel this booking? " + (refund ? "The deposit will be refunded." : "No deposit refund."))) return;
      btn.disabled = true;
      try {
        const out = await api("POST", "/api/bookings/" + btn.dataset.cancel + "/cancel");
        say("Cancelled" + (out.refund_deposit ? "; deposit refunded." : "."));
        window.location.reload();
      } catch (err) {
        say(err.message, true);
        btn.disabled = false;
      }
    });
  });
  document.querySelectorAll("form[data-reschedule]").forEach((form) => {
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const fd = new FormData(form);
      try {
        await api("POST", "/api/bookings/" + form.dataset.reschedule + "/reschedule",
          { date: fd.get("date"), time: fd.get("time") });
        say("Rescheduled.");
        window.location.reload();
      } catch (err) {
        say(err.message, true);
      }
    });
  });
})();
