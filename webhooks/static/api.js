// Shared by the admin pages: JSON calls with the CSRF header browser sessions need.
"use strict";
window.hibachiApi = async function (method, url, body) {
  const resp = await fetch(url, {
    method: method,
    headers: { "Content-Type": "application/json", "X-Hibachi-CSRF": "1" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = resp.status === 204 ? {} : await resp.json().catch(() => ({}));
  if (!resp.ok) throw new Error(data.message || ("HTTP " + resp.status));
  return data;
};
