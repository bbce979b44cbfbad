//! A minimal blocking W3C WebDriver client over plain HTTP (ureq + JSON), enough
//! to drive the Copil window through `tauri-driver`.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The W3C key under which an element reference is returned.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Result type of the helpers; errors are human-readable strings.
pub type WdResult<T> = Result<T, String>;

/// Special keys of the W3C WebDriver key table.
pub mod keys {
    /// Tab.
    pub const TAB: &str = "\u{E004}";
    /// Enter.
    pub const ENTER: &str = "\u{E007}";
    /// Escape.
    pub const ESCAPE: &str = "\u{E00C}";
    /// Shift (modifier).
    pub const SHIFT: &str = "\u{E008}";
    /// Control (modifier).
    pub const CONTROL: &str = "\u{E009}";
    /// F1.
    pub const F1: &str = "\u{E031}";
    /// F5.
    pub const F5: &str = "\u{E035}";
    /// Page Up.
    pub const PAGE_UP: &str = "\u{E00E}";
    /// Page Down.
    pub const PAGE_DOWN: &str = "\u{E00F}";
    /// Left arrow.
    pub const LEFT: &str = "\u{E012}";
    /// Up arrow.
    pub const UP: &str = "\u{E013}";
    /// Right arrow.
    pub const RIGHT: &str = "\u{E014}";
    /// Down arrow.
    pub const DOWN: &str = "\u{E015}";
}

/// A reference to an element of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(pub String);

/// One WebDriver session (one app window).
pub struct Session {
    agent: ureq::Agent,
    base: String,
    id: String,
}

/// Builds the HTTP agent: WebDriver errors come back as 4xx/5xx with a JSON body we want to read.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(120)))
        .build()
        .into()
}

/// Sends a request and unwraps the W3C `{"value": …}` envelope.
fn request(agent: &ureq::Agent, method: &str, url: &str, body: Option<&Value>) -> WdResult<Value> {
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, Some(b)) => agent.post(url).send_json(b),
        (_, None) => agent.post(url).send_json(json!({})),
    };
    let mut response = response.map_err(|e| format!("{method} {url}: {e}"))?;
    let status = response.status();
    let value: Value = response
        .body_mut()
        .read_json()
        .map_err(|e| format!("{method} {url}: unreadable reply ({status}): {e}"))?;
    if !status.is_success() {
        let v = &value["value"];
        return Err(format!(
            "{method} {url}: {status} {}: {}",
            v["error"].as_str().unwrap_or("?"),
            v["message"].as_str().unwrap_or("")
        ));
    }
    Ok(value["value"].clone())
}

/// Whether a WebDriver server answers `/status` at `base`.
pub fn is_ready(base: &str) -> bool {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(2)))
        .build()
        .into();
    agent
        .get(&format!("{base}/status"))
        .call()
        .map(|r| r.status().is_success())
        .unwrap_or(false)
}

impl Session {
    /// Opens a session: starts `application` with `args` through tauri-driver at `base`.
    pub fn new(base: &str, application: &Path, args: &[String]) -> WdResult<Self> {
        let agent = agent();
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": {
                        "application": application.display().to_string(),
                        "args": args,
                    }
                }
            }
        });
        let value = request(&agent, "POST", &format!("{base}/session"), Some(&caps))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no sessionId in {value}"))?
            .to_owned();
        let session = Self {
            agent,
            base: base.to_owned(),
            id,
        };
        session.post("timeouts", &json!({"script": 60_000, "implicit": 0}))?;
        Ok(session)
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}/{}", self.base, self.id, path)
    }

    /// POST to a session endpoint.
    pub fn post(&self, path: &str, body: &Value) -> WdResult<Value> {
        request(&self.agent, "POST", &self.url(path), Some(body))
    }

    /// GET a session endpoint.
    pub fn get(&self, path: &str) -> WdResult<Value> {
        request(&self.agent, "GET", &self.url(path), None)
    }

    /// Finds the first element matching a CSS selector.
    pub fn find(&self, css: &str) -> WdResult<Element> {
        let v = self.post("element", &json!({"using": "css selector", "value": css}))?;
        element_of(&v).ok_or_else(|| format!("no element reference for {css}: {v}"))
    }

    /// Finds every element matching a CSS selector.
    pub fn find_all(&self, css: &str) -> WdResult<Vec<Element>> {
        let v = self.post("elements", &json!({"using": "css selector", "value": css}))?;
        Ok(v.as_array()
            .map(|a| a.iter().filter_map(element_of).collect())
            .unwrap_or_default())
    }

    /// Waits until an element matching `css` exists, polling, up to `timeout`.
    pub fn wait_for(&self, css: &str, timeout: Duration) -> WdResult<Element> {
        let start = Instant::now();
        loop {
            match self.find(css) {
                Ok(e) => return Ok(e),
                Err(e) if start.elapsed() > timeout => {
                    return Err(format!(
                        "timed out after {timeout:?} waiting for {css}: {e}"
                    ))
                }
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// Waits until the text of `css` satisfies `pred`; returns that text.
    pub fn wait_text(
        &self,
        css: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> WdResult<String> {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < timeout {
            if let Ok(el) = self.find(css) {
                last = self.text(&el).unwrap_or_default();
                if pred(&last) {
                    return Ok(last);
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "timed out waiting for the text of {css}; last: {last:?}"
        ))
    }

    /// Clicks an element.
    pub fn click(&self, el: &Element) -> WdResult<()> {
        self.post(&format!("element/{}/click", el.0), &json!({}))
            .map(|_| ())
    }

    /// Clicks the first element matching `css`.
    pub fn click_css(&self, css: &str) -> WdResult<()> {
        let el = self.find(css)?;
        self.click(&el)
    }

    /// Types `text` into an element.
    pub fn send_keys(&self, el: &Element, text: &str) -> WdResult<()> {
        self.post(&format!("element/{}/value", el.0), &json!({"text": text}))
            .map(|_| ())
    }

    /// Presses keys on whatever has focus: each string is a chord, held together
    /// then released (e.g. `[CONTROL, "o"]`).
    pub fn press(&self, chord: &[&str]) -> WdResult<()> {
        let mut actions: Vec<Value> = chord
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            chord
                .iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.post(
            "actions",
            &json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )?;
        request(&self.agent, "DELETE", &self.url("actions"), None).map(|_| ())
    }

    /// The visible text of an element.
    pub fn text(&self, el: &Element) -> WdResult<String> {
        let v = self.get(&format!("element/{}/text", el.0))?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// The `innerText` of the first element matching `css`, read by script (empty when absent).
    pub fn inner_text(&self, css: &str) -> WdResult<String> {
        let v = self.execute(
            "const e = document.querySelector(arguments[0]); return e ? e.innerText : '';",
            vec![Value::String(css.to_owned())],
        )?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// An attribute of an element (`None` when absent).
    pub fn attr(&self, el: &Element, name: &str) -> WdResult<Option<String>> {
        let v = self.get(&format!("element/{}/attribute/{name}", el.0))?;
        Ok(v.as_str().map(str::to_owned))
    }

    /// Runs a synchronous script in the page (`arguments` are `args`) and returns its result.
    pub fn execute(&self, script: &str, args: Vec<Value>) -> WdResult<Value> {
        self.post("execute/sync", &json!({"script": script, "args": args}))
    }

    /// Runs an asynchronous script; it must call `arguments[arguments.length - 1](result)`.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> WdResult<Value> {
        self.post("execute/async", &json!({"script": script, "args": args}))
    }

    /// Saves a PNG of the X display the app runs on (Xvfb) to `path`: the pixels a user
    /// sees, native menu bar included. WebDriver's own screenshot command is not used: it
    /// timed out on an idle page once Copil turned WebKit's accelerated compositing off.
    pub fn screenshot(&self, path: &Path) -> WdResult<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
        }
        let display = std::env::var("DISPLAY").map_err(|_| "screenshot: DISPLAY is not set")?;
        let out = std::process::Command::new("import")
            .args(["-display", &display, "-window", "root"])
            .arg(path)
            .output()
            .map_err(|e| format!("screenshot: import (imagemagick) cannot run: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!(
                "screenshot {}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stderr)
            ))
        }
    }

    /// Puts the window at the top left of the screen with this outer size in CSS pixels (W3C
    /// « Set Window Rect »): the page's viewport is what the app's menu bar leaves of it.
    pub fn set_window_size(&self, width: u32, height: u32) -> WdResult<()> {
        self.post(
            "window/rect",
            &json!({"x": 0, "y": 0, "width": width, "height": height}),
        )
        .map(|_| ())
    }

    /// The `data-testid` of the focused element (empty when it has none).
    pub fn focused_testid(&self) -> WdResult<String> {
        let v = self.execute(
            "const a = document.activeElement; return a ? (a.getAttribute('data-testid') || '') : '';",
            vec![],
        )?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Injects axe-core (source text of `axe.min.js`) and returns the violations of impact
    /// `serious` or `critical` for the whole document, as `"id (impact): help — targets"` lines.
    pub fn axe_serious(&self, axe_source: &str) -> WdResult<Vec<String>> {
        let loaded = self.execute("return typeof window.axe === 'object';", vec![])?;
        if loaded != Value::Bool(true) {
            // Sent as the script body itself: the page's CSP forbids eval.
            self.execute(&format!("{axe_source}\n;return typeof window.axe;"), vec![])?;
        }
        let script = r#"
            const done = arguments[arguments.length - 1];
            window.axe
              .run(document, { resultTypes: ["violations"] })
              .then((r) => done(JSON.stringify(r.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`))))
              .catch((e) => done(JSON.stringify(["axe failed: " + e])));
        "#;
        let v = self.execute_async(script, vec![])?;
        let text = v
            .as_str()
            .ok_or_else(|| format!("axe: unexpected result {v}"))?;
        serde_json::from_str(text).map_err(|e| format!("axe: {e}: {text}"))
    }

    /// Ends the session (closes the app).
    pub fn quit(&self) -> WdResult<()> {
        request(
            &self.agent,
            "DELETE",
            &format!("{}/session/{}", self.base, self.id),
            None,
        )
        .map(|_| ())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.quit();
    }
}

/// Extracts an element reference from a WebDriver value.
fn element_of(v: &Value) -> Option<Element> {
    v.get(ELEMENT_KEY)
        .and_then(Value::as_str)
        .map(|s| Element(s.to_owned()))
}
