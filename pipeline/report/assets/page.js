// gongkai's HTML report: the list scrolls to each finding's place; filters by severity and family.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("aside li[data-f]"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-f]"));

  function findingsOf(element) {
    return element.getAttribute("data-f").split(" ");
  }

  function show(number) {
    var target = document.querySelector('mark[data-f~="' + number + '"]');
    items.forEach(function (item) {
      item.classList.toggle("current", item.getAttribute("data-f") === number);
    });
    if (!target) {
      return;
    }
    target.scrollIntoView({ block: "center" });
    marks.forEach(function (mark) {
      mark.classList.toggle("flash", findingsOf(mark).indexOf(number) >= 0);
    });
  }

  items.forEach(function (item) {
    item.addEventListener("click", function () {
      show(item.getAttribute("data-f"));
    });
  });
  Array.prototype.slice.call(document.querySelectorAll("[data-goto]")).forEach(function (cell) {
    cell.addEventListener("click", function () {
      var number = cell.getAttribute("data-goto");
      var item = document.querySelector('aside li[data-f="' + number + '"]');
      if (item) {
        item.scrollIntoView({ block: "nearest" });
      }
      show(number);
    });
  });
  marks.forEach(function (mark) {
    mark.addEventListener("click", function () {
      var item = document.querySelector('aside li[data-f="' + findingsOf(mark)[0] + '"]');
      if (item) {
        item.scrollIntoView({ block: "nearest" });
        items.forEach(function (other) { other.classList.toggle("current", other === item); });
      }
    });
  });

  function applyFilters() {
    var off = {};
    Array.prototype.slice.call(document.querySelectorAll("input[data-filter]")).forEach(function (box) {
      if (!box.checked) {
        off[box.getAttribute("data-filter") + ":" + box.value] = true;
      }
    });
    var hidden = {};
    items.forEach(function (item) {
      var gone = off["severity:" + item.getAttribute("data-severity")] || off["family:" + item.getAttribute("data-family")];
      item.classList.toggle("hidden", Boolean(gone));
      if (gone) {
        hidden[item.getAttribute("data-f")] = true;
      }
    });
    marks.forEach(function (mark) {
      var shown = findingsOf(mark).filter(function (number) { return !hidden[number]; });
      mark.classList.toggle("off", shown.length === 0);
    });
  }

  Array.prototype.slice.call(document.querySelectorAll("input[data-filter]")).forEach(function (box) {
    box.addEventListener("change", applyFilters);
  });
})();
