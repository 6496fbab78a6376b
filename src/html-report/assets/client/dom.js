// DOM building. Every text from the run goes in as a text node, never as markup:
// model output is untrusted, and nothing here sets innerHTML.

const SVG_NS = "http://www.w3.org/2000/svg";

/** h("div", { class: "x", onclick: f }, "text", child, [more]) */
function h(tag, props, ...children) {
  const node = document.createElement(tag);
  setProps(node, props);
  append(node, children);
  return node;
}

/** The SVG counterpart of h(). */
function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setProps(node, attrs);
  append(node, children);
  return node;
}

function setProps(node, props) {
  if (!props) return;
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key === "value" && "value" in node) node.value = value;
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces a node's children. */
function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A <select> with [value, label] options; calls onchange with the new value. */
function select(options, current, onchange, props) {
  return h(
    "select",
    { ...props, onchange: (event) => onchange(event.target.value) },
    options.map(([value, label]) => h("option", { value, selected: value === current }, label)),
  );
}

/** A button that looks like a link. */
function linkButton(label, onclick, props) {
  return h("button", { type: "button", class: "link", ...props, onclick }, label);
}
