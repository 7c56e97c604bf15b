// Charts in content that htmx swaps in (a metric tab, the what-if result). Plotly draws each
// as its script runs, during the swap, and marks its box with the class "js-plotly-plot" that
// its own styles hang on; htmx then "settles" the new element's class attribute back to what
// the server sent, which dropped that mark: the plot's layers fell out of place (the toolbar
// over the plots, the title below them, the legend over the next card). Give it back and let
// the chart lay itself out in the box it finally sits in.
document.addEventListener("htmx:afterSettle", function (event) {
  if (!window.Plotly) return;
  event.target.querySelectorAll(".plotly-graph-div").forEach(function (chart) {
    if (!chart.data) return;
    chart.classList.add("js-plotly-plot");
    window.Plotly.Plots.resize(chart);
  });
});
