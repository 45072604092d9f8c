/* Show or hide a password as it is typed (ACC-1).
 *
 * Without JavaScript each field stays a plain password field. With it, a real
 * button follows the field: reachable by keyboard, named "Show password" and
 * announced as pressed or not, so a screen reader says whether the password is
 * visible. The field is hidden again before the form is sent, so the browser
 * never keeps it as ordinary text. No inline script: a Content-Security-Policy
 * without 'unsafe-inline' allows this file.
 */
(function () {
  "use strict";
  document.querySelectorAll(".password-field").forEach(function (wrapper) {
    var input = wrapper.querySelector("input[type=password]");
    if (!input || wrapper.querySelector("button.reveal")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "reveal";
    button.textContent = wrapper.getAttribute("data-show-label") || "Show password";
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-controls", input.id);
    function show(visible) {
      input.type = visible ? "text" : "password";
      button.setAttribute("aria-pressed", visible ? "true" : "false");
    }
    button.addEventListener("click", function () {
      show(input.type === "password");
    });
    if (input.form) {
      input.form.addEventListener("submit", function () {
        show(false);
      });
    }
    wrapper.appendChild(button);
  });
})();
