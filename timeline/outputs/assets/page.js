/* The page's time axis: the events of the JSON in #timeline-data drawn with vis-timeline.
 *
 * A lane (group) per country; a known day is a point, any wider date a range
 * over every day it may be (an open end reaches the edge of the events' days);
 * terms of office are background items in their holder's lane. Items close
 * together at the current zoom are clustered, so a store of thousands of
 * events draws only what can be told apart. Store text reaches the page
 * through textContent only. Dates are UTC days: the view doesn't depend on
 * the reader's time zone, nor on the clock.
 */
(function () {
  "use strict";
  var DAY = 24 * 60 * 60 * 1000;
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var words = data.words;
  var container = document.getElementById("timeline");

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined && text !== null) element.textContent = text;
    return element;
  }

  // "2013-11-14" as that day's UTC midnight (years before 100 too, which Date.UTC would shift).
  function day(text, after) {
    var parts = text.split("-");
    var date = new Date(Date.UTC(2000, Number(parts[1]) - 1, Number(parts[2]) + (after ? 1 : 0)));
    date.setUTCFullYear(Number(parts[0]) + (date.getUTCFullYear() - 2000));
    return date;
  }

  function openDetails(open) {
    var all = document.querySelectorAll("details.finding");
    for (var index = 0; index < all.length; index++) {
      if (open) {
        all[index].dataset.wasOpen = all[index].open ? "1" : "";
        all[index].open = true;
      } else {
        all[index].open = all[index].dataset.wasOpen === "1";
      }
    }
  }
  // Print is the plain list, every finding's message shown.
  window.addEventListener("beforeprint", function () { openDetails(true); });
  window.addEventListener("afterprint", function () { openDetails(false); });

  if (!container || !data.extent || !window.vis) return;

  var OFFICES = "\u0000offices"; // no country code has a NUL
  var first = day(data.extent.start).getTime();
  var last = day(data.extent.end, true).getTime();
  var items = [];
  data.events.forEach(function (event, index) {
    if (!event.start && !event.end) return; // undated: in the list only
    var start = event.start ? day(event.start).getTime() : first;
    var end = event.end ? day(event.end, true).getTime() : last;
    var span = end - start > DAY;
    var classes = ["event", span ? "span" : "day"];
    if (event.open_start) classes.push("open-start");
    if (event.open_end) classes.push("open-end");
    if (event.derived) classes.push("derived");
    if (event.announced) classes.push("announced");
    if (event.severity) classes.push("finding-" + event.severity);
    event.lanes.forEach(function (lane) {
      var item = {
        id: index + "@" + lane,
        event: index,
        group: lane,
        start: new Date(start),
        type: span ? "range" : "point",
        className: classes.join(" "),
        content: "",
        open: Boolean(event.open_start || event.open_end),
      };
      if (span) item.end = new Date(end); // a point has no end at all: vis-timeline reads "end" in an item as a range's
      items.push(item);
    });
  });
  // A term of office is named in the lane of terms, where the names stack instead of hiding under
  // the events, and shades its holder's lane: one background item for each run of days some term
  // covers there, so that a store of a thousand officials shades a lane with a few, not a thousand.
  var shades = {};
  data.eras.forEach(function (era, index) {
    var start = day(era.start), end = day(era.end, true), open = era.open_end ? " open-end" : "";
    items.push({ id: "term-" + index, era: index, group: OFFICES, start: start, end: end, type: "range", className: "term" + open, content: "" });
    (shades[era.lane] = shades[era.lane] || []).push([start.getTime(), end.getTime()]);
  });
  Object.keys(shades).forEach(function (lane) {
    var runs = [];
    shades[lane].sort(function (one, other) { return one[0] - other[0]; }).forEach(function (span) {
      var run = runs[runs.length - 1];
      if (run && span[0] <= run[1]) run[1] = Math.max(run[1], span[1]);
      else runs.push(span.slice());
    });
    runs.forEach(function (run, index) {
      items.push({ id: "shade-" + index + "@" + lane, shade: true, group: lane, start: new Date(run[0]), end: new Date(run[1]), type: "background", className: "era", content: "" });
    });
  });

  // Whether an item (or a cluster's first item: a cluster holds open spans only or none) is an open span.
  function isOpen(item) {
    if (item.isCluster || item.uiItems) return Boolean(item.uiItems && item.uiItems.length && item.uiItems[0].data.open);
    return Boolean(item.open);
  }

  function content(item) {
    if (item.isCluster) {
      var terms = item.uiItems && item.uiItems.length && item.uiItems[0].data.era !== undefined;
      var count = node("span", "cluster-label", terms ? words.cluster_terms.replace("{count}", item.uiItems.length) : item.title); // "{count} events"
      // Which events it holds, for what reads the page (its tests).
      count.dataset.events = (item.uiItems || []).map(function (member) { return member.data.event; }).filter(function (event) { return event !== undefined; }).join(" ");
      return count;
    }
    if (item.shade) return "";
    if (item.era !== undefined) {
      var era = data.eras[item.era];
      var label = node("span", "era-label", era.title);
      label.appendChild(node("span", "era-dates", " " + era.dates));
      return label;
    }
    var event = data.events[item.event];
    var box = node("span", "item");
    if (event.severity) box.appendChild(node("span", "mark " + event.severity, event.findings > 1 ? String(event.findings) : ""));
    if (event.open_start || event.open_end) box.appendChild(node("span", "item-date", event.label + " "));
    box.appendChild(node("span", "item-title", event.title));
    return box;
  }

  var groups = data.groups.map(function (group) {
    return { id: group.id, content: "", name: group.title, code: group.code };
  });
  if (data.eras.length) groups.push({ id: OFFICES, content: "", name: words.offices, code: words.offices_short, className: "offices" });

  function groupContent(group) {
    var label = node("span", "lane");
    label.appendChild(node("span", "lane-name", group.name));
    if (group.code) label.appendChild(node("span", "lane-code", group.code));
    return label;
  }

  function pad(number) { return number < 10 ? "0" + number : String(number); }

  // The axis in the page's language: its own month names, whatever moment knows.
  function minorLabel(date, scale) {
    switch (scale) {
      case "year": return String(date.year());
      case "month": return words.months_short[date.month()];
      case "week":
      case "day":
      case "weekday": return String(date.date());
      default: return pad(date.hours()) + ":" + pad(date.minutes());
    }
  }
  function majorLabel(date, scale) {
    switch (scale) {
      case "year": return "";
      case "month": return String(date.year());
      case "week":
      case "day":
      case "weekday": return words.months[date.month()] + " " + date.year();
      default: return date.date() + " " + words.months_short[date.month()] + " " + date.year();
    }
  }

  // More room after the last day than before the first: labels and clusters run to the right,
  // and need some 90 pixels there however narrow the screen (the lane names take some 70).
  var before = Math.max((last - first) * 0.03, 3 * DAY);
  var room = 90, axis = Math.max(container.clientWidth - 70, 2 * room);
  var after = Math.max((last - first) * 0.05, 5 * DAY, ((last - first) + before) * room / (axis - room));
  var clustering = {
    maxItems: 1,
    titleTemplate: words.cluster,
    showStipes: false,
    fitOnDoubleClick: false,
    // An open span reaches the edge of the axis: it clusters only with the same span, never
    // with the events near its middle.
    clusterCriteria: function (one, other) {
      // Terms of office cluster with terms (in their lane), shading with nothing.
      if (one.shade || other.shade) return false;
      if (one.era !== undefined || other.era !== undefined) return one.era !== undefined && other.era !== undefined;
      if (!one.open && !other.open) return true;
      return one.start.getTime() === other.start.getTime() && (one.end || one.start).getTime() === (other.end || other.start).getTime();
    },
  };

  // Where the chart looks while it is given its items (see below): before the first day, as far
  // as the chart lets one pan.
  var width = (last + after) - (first - before), hidden = first - before - 3 * width;
  // No start or end here: with them, vis-timeline shows the chart only after a range change
  // that may come before the items do, and then never (the window is set below).
  var timeline = new vis.Timeline(container, new vis.DataSet([]), new vis.DataSet(groups), {
    min: new Date(hidden),
    max: new Date(last + after + width),
    zoomMin: 7 * DAY,
    moment: function (date) { return vis.moment(date).utc(); },
    locale: data.lang,
    showCurrentTime: false,
    editable: false,
    selectable: true,
    multiselect: false,
    stack: true,
    // Closed dates first, so the open spans, which cross the whole axis, stack below them.
    order: function (one, other) {
      var oneOpen = isOpen(one), otherOpen = isOpen(other);
      if (oneOpen !== otherOpen) return oneOpen ? 1 : -1;
      return one.start - other.start || String(one.id).localeCompare(String(other.id));
    },
    orientation: { axis: "top", item: "top" },
    margin: { axis: 6, item: { horizontal: 6, vertical: 4 } },
    // Tall enough for a few lanes, short enough to leave the list in view.
    maxHeight: Math.max(280, Math.round(window.innerHeight * 0.6)),
    verticalScroll: true,
    zoomKey: "ctrlKey",
    showTooltips: false,
    dataAttributes: ["id"],
    template: content,
    groupTemplate: groupContent,
    format: { minorLabels: minorLabel, majorLabels: majorLabel },
    cluster: clustering,
  });

  // The items come once the empty chart is laid out, and while it looks at a window as wide as
  // the real one but before every item: vis-timeline clusters by how many pixels apart items are,
  // which it knows only then, and it draws and measures, one by one, every item it is given that
  // is in view. So it is given none in view, clusters them, and then shows the clusters.
  // vis-timeline 8.5 looks for the old cluster of each new one by building a set of every old
  // cluster's items, anew for each new cluster: at a fine zoom of a large store, thousands of
  // clusters times tens of thousands of items, and minutes to redraw. It is handed the one old
  // cluster with the same items (found by a key built once a level) instead, which it then finds.
  var generator = timeline.itemSet.clusterGenerator;
  var findOld = generator._getClusterForItems;
  var keyed = null, byItems = null;
  function itemsKey(items) {
    return items.map(function (item) { return String(item.id); }).sort().join("\n");
  }
  generator._getClusterForItems = function (clusterItems, group, oldClusters, options) {
    if (oldClusters !== keyed) {
      keyed = oldClusters;
      byItems = new Map();
      (oldClusters || []).forEach(function (cluster) { byItems.set(itemsKey(cluster.data.uiItems), cluster); });
    }
    var same = byItems.get(itemsKey(clusterItems));
    return findOld.call(this, clusterItems, group, same ? [same] : [], options);
  };

  var loaded = false;
  timeline.once("changed", function () {
    loaded = true;
    timeline.setWindow(new Date(hidden), new Date(hidden + width), { animation: false });
    timeline.setItems(new vis.DataSet(items));
    timeline.setWindow(new Date(first - before), new Date(last + after), { animation: false });
  });

  // vis-timeline 8 makes the clusters at the start of a redraw but shows new ones only when the
  // lanes restack, which a redraw at the same zoom doesn't: restack once more when they change.
  // Drawn: the first redraw that shows the chart with its items and clusters, and its frame
  // painted; its time is the page's time to first render.
  var clustered = null, painting = false;
  timeline.on("changed", function () {
    var clusters = timeline.itemSet.clusters;
    if (clusters !== clustered) {
      clustered = clusters;
      timeline.itemSet.markDirty({ restackGroups: true });
      timeline.body.emitter.emit("_change"); // a redraw on the next frame, of the items that moved only
      return;
    }
    if (painting || !loaded || !timeline.initialDrawDone) return;
    painting = true;
    requestAnimationFrame(function () {
      document.documentElement.dataset.drawn = String(Math.round(performance.now()));
    });
  });

  var detail = document.getElementById("detail");

  function show(event) {
    var article = document.getElementById("event-" + (event + 1));
    if (!article || !detail) return;
    var copy = article.cloneNode(true);
    copy.removeAttribute("id");
    copy.classList.add("selected");
    detail.replaceChildren(copy);
  }

  function zoomTo(ids) {
    var starts = [], ends = [];
    ids.forEach(function (id) {
      var item = timeline.itemsData.get(id);
      if (!item) return;
      starts.push(item.start.getTime());
      ends.push((item.end || item.start).getTime());
    });
    if (!starts.length) return;
    var from = Math.min.apply(null, starts), to = Math.max.apply(null, ends);
    var room = Math.max((to - from) * 0.1, 4 * DAY);
    timeline.setWindow(new Date(from - room), new Date(to + room), { animation: false });
  }

  // A cluster lists its events here, and zooms in on them.
  function list(ids) {
    if (!detail) return;
    var events = [];
    ids.forEach(function (id) {
      var item = timeline.itemsData.get(id);
      if (item && item.event !== undefined && events.indexOf(item.event) < 0) events.push(item.event);
    });
    events.sort(function (one, other) { return one - other; });
    var listed = node("ul", "cluster-list");
    events.forEach(function (event) {
      var entry = node("li");
      var link = node("a", null, data.events[event].title);
      link.href = "#event-" + (event + 1);
      entry.appendChild(node("span", "when", (data.events[event].label || "") + " "));
      entry.appendChild(link);
      listed.appendChild(entry);
    });
    detail.replaceChildren(listed);
  }

  timeline.on("click", function (properties) {
    if (properties.isCluster) {
      // The click names the cluster only: its items are in the item set's clusters (vis-timeline 8).
      var cluster = (timeline.itemSet.clusters || []).filter(function (one) { return one.id === properties.item; })[0];
      var ids = cluster ? cluster.data.items.map(function (item) { return item.id; }) : [];
      list(ids);
      zoomTo(ids);
      return;
    }
    if (properties.item === null || properties.item === undefined) return;
    var item = timeline.itemsData.get(properties.item);
    if (item && item.event !== undefined) show(item.event);
  });

  var controls = document.querySelectorAll("[data-zoom]");
  for (var index = 0; index < controls.length; index++) {
    controls[index].addEventListener("click", function (click) {
      var what = click.currentTarget.dataset.zoom;
      if (what === "in") timeline.zoomIn(0.5, { animation: false });
      else if (what === "out") timeline.zoomOut(0.5, { animation: false });
      else timeline.setWindow(new Date(first - before), new Date(last + after), { animation: false });
    });
  }

  // For scripts that read the page (its tests, its benchmark): the chart and its items.
  window.timelinePage = { timeline: timeline, items: items, data: data, day: day };
})();
