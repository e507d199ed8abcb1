//! The forge client against a real Gitea server on 127.0.0.1, started from
//! the binary `CTXMOD_GITEA` names: built in Gitea's source tree (the
//! `code.gitea.io/gitea` module) with
//! `go build -tags 'sqlite sqlite_unlock_notify' -o gitea .`, so that the
//! `options/` it reads at run time is beside it.
//! It is ignored by default: building Gitea takes about 12 minutes cold on
//! 2 cores and needs the Go module proxy, so CI runs the recorded exchanges
//! of `tests/forge.rs` instead.
//!
//! ```sh
//! CTXMOD_GITEA=$(scripts/build-gitea.sh) cargo test --test gitea -- --ignored
//! ```

use ctxmod::ship::forge::{
    open_or_update, Action, Change, Client, ForgeConfig, ForgeKind, PullRequestSpec, Token,
};
use serde_json::{json, Value};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const USER: &str = "ctxmod";
const TITLE: &str = "ctxmod: fix context.Context misuse";

/// A Gitea server in a temporary directory, stopped when dropped.
struct Gitea {
    child: Child,
    url: String,
    token: String,
    agent: ureq::Agent,
    _dir: tempfile::TempDir,
}

impl Gitea {
    /// Configures a Gitea with SQLite, creates an admin with a token, and
    /// starts the web server on a free local port.
    fn start(bin: &str) -> Gitea {
        let dir = tempfile::tempdir().unwrap();
        let root_path = dir.path().to_path_buf();
        let root = root_path.as_path();
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let url = format!("http://127.0.0.1:{port}");
        // Gitea's source tree, whose options/ (locales, templates) a build
        // without the bindata tag reads at run time.
        let source = Path::new(bin)
            .parent()
            .expect("the binary is in a directory");
        let ini = root.join("app.ini");
        std::fs::write(
            &ini,
            format!(
                "WORK_PATH = {root}\nRUN_MODE = prod\n\
                 [database]\nDB_TYPE = sqlite3\nPATH = {root}/gitea.db\n\
                 [repository]\nROOT = {root}/repos\n\
                 [server]\nHTTP_ADDR = 127.0.0.1\nHTTP_PORT = {port}\nROOT_URL = {url}/\n\
                 DISABLE_SSH = true\nOFFLINE_MODE = true\nLFS_START_SERVER = false\n\
                 STATIC_ROOT_PATH = {source}\n\
                 [security]\nINSTALL_LOCK = true\n\
                 [service]\nDISABLE_REGISTRATION = true\n\
                 [mailer]\nENABLED = false\n\
                 [log]\nMODE = file\nLEVEL = warn\nROOT_PATH = {root}/log\n",
                root = root.display(),
                source = source.display()
            ),
        )
        .unwrap();
        let gitea = |args: &[&str]| {
            let out = command(bin, root, &ini).args(args).output().unwrap();
            assert!(
                out.status.success(),
                "gitea {args:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        gitea(&["migrate"]);
        let created = gitea(&[
            "admin",
            "user",
            "create",
            "--username",
            USER,
            "--password",
            "ctxmod-test-password",
            "--email",
            "ctxmod@localhost",
            "--admin",
            "--must-change-password=false",
            "--access-token",
        ]);
        let token = created
            .lines()
            .find_map(|l| l.strip_prefix("Access token was successfully created... "))
            .expect("gitea printed the token")
            .trim()
            .to_string();
        let log = std::fs::File::create(root.join("web.log")).unwrap();
        let child = command(bin, root, &ini)
            .arg("web")
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        let gitea = Gitea {
            child,
            url,
            token,
            agent,
            _dir: dir,
        };
        let started = Instant::now();
        while gitea.get("/version").is_none() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "gitea did not start: {}",
                std::fs::read_to_string(root.join("web.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        gitea
    }

    /// `GET /api/v1{path}` as the admin, or `None` unless it answers 200.
    fn get(&self, path: &str) -> Option<Value> {
        let mut response = self
            .agent
            .get(format!("{}/api/v1{path}", self.url))
            .header("Authorization", format!("token {}", self.token))
            .call()
            .ok()?;
        if response.status() != 200 {
            return None;
        }
        serde_json::from_str(&response.body_mut().read_to_string().ok()?).ok()
    }

    /// `POST /api/v1{path}` as the admin; panics unless it answers 2xx.
    fn post(&self, path: &str, body: Value) -> Value {
        let mut response = self
            .agent
            .post(format!("{}/api/v1{path}", self.url))
            .header("Authorization", format!("token {}", self.token))
            .header("Content-Type", "application/json")
            .send(body.to_string())
            .unwrap();
        let text = response.body_mut().read_to_string().unwrap();
        assert!(response.status().is_success(), "POST {path}: {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// A client for `USER/widgets` with `token`, configured from the remote
    /// URL the way `apply` will.
    fn client(&self, token: &str) -> Client {
        let remote = format!("{}/{USER}/widgets.git", self.url);
        let config =
            ForgeConfig::from_remote(ForgeKind::Gitea, &remote, None, Some(Token::new(token)))
                .unwrap();
        Client::new(config)
    }
}

impl Drop for Gitea {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `bin` with the environment of a throwaway Gitea in `root`.
fn command(bin: &str, root: &Path, ini: &Path) -> Command {
    let mut command = Command::new(bin);
    command
        .arg("--config")
        .arg(ini)
        .arg("--work-path")
        .arg(root)
        .env("HOME", root)
        .env("GITEA_WORK_DIR", root)
        .env("GITEA_I_AM_BEING_UNSAFE_RUNNING_AS_ROOT", "true")
        .stdin(Stdio::null());
    command
}

fn spec(body: &str, labels: &[&str]) -> PullRequestSpec {
    PullRequestSpec {
        head: "ctxmod/fixes".into(),
        base: "main".into(),
        title: TITLE.into(),
        body: body.into(),
        draft: true,
        labels: labels.iter().map(|l| l.to_string()).collect(),
    }
}

fn label_names(pull: &Value) -> Vec<String> {
    let mut names: Vec<String> = pull["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    names.sort();
    names
}

#[test]
#[ignore = "needs a Gitea binary: CTXMOD_GITEA=/path/to/gitea cargo test --test gitea -- --ignored"]
fn open_or_update_against_a_real_gitea() {
    let bin = std::env::var("CTXMOD_GITEA").expect("CTXMOD_GITEA names a gitea binary");
    let gitea = Gitea::start(&bin);
    gitea.post(
        "/user/repos",
        json!({"name": "widgets", "auto_init": true, "default_branch": "main", "readme": "Default"}),
    );
    // The branch ctxmod would have pushed: one commit on top of main.
    gitea.post(
        &format!("/repos/{USER}/widgets/contents/widgets.go"),
        json!({"content": "cGFja2FnZSB3aWRnZXRzCg==", "message": "ctxmod: fix", "branch": "main", "new_branch": "ctxmod/fixes"}),
    );
    gitea.post(
        &format!("/repos/{USER}/widgets/labels"),
        json!({"name": "ctxmod", "color": "#00aabb"}),
    );
    let client = gitea.client(&gitea.token);
    let pulls = || {
        gitea
            .get(&format!("/repos/{USER}/widgets/pulls?state=all"))
            .unwrap()
    };

    let body = "## ctxmod\n\n1 fix in 1 file.\n";
    let dry = open_or_update(&client, &spec(body, &["ctxmod"]), true).unwrap();
    assert_eq!((dry.action, dry.number), (Action::Created, None));
    assert_eq!(pulls(), json!([]), "a dry run writes nothing");

    let created = open_or_update(&client, &spec(body, &["ctxmod", "automated"]), false).unwrap();
    assert_eq!(created.action, Action::Created);
    let number = created.number.unwrap();
    let pull = gitea
        .get(&format!("/repos/{USER}/widgets/pulls/{number}"))
        .unwrap();
    assert_eq!(pull["title"], format!("WIP: {TITLE}"));
    assert_eq!(pull["draft"], true);
    assert_eq!(pull["body"], body);
    assert_eq!(label_names(&pull), ["automated", "ctxmod"]);
    assert_eq!(created.url.as_deref(), pull["html_url"].as_str());

    let again = open_or_update(&client, &spec(body, &["ctxmod", "automated"]), false).unwrap();
    assert_eq!(
        (again.action, again.number),
        (Action::Unchanged, Some(number))
    );

    let newer = "## ctxmod\n\n2 fixes in 1 file.\n";
    let updated = open_or_update(&client, &spec(newer, &["ctxmod", "deps"]), false).unwrap();
    assert_eq!(updated.action, Action::Updated);
    assert_eq!(
        updated.changes,
        vec![Change::Body, Change::Labels(vec!["deps".into()])]
    );
    let pull = gitea
        .get(&format!("/repos/{USER}/widgets/pulls/{number}"))
        .unwrap();
    assert_eq!(
        pull["title"],
        format!("WIP: {TITLE}"),
        "the draft state is kept"
    );
    assert_eq!(pull["body"], newer);
    assert_eq!(label_names(&pull), ["automated", "ctxmod", "deps"]);
    assert_eq!(
        pulls().as_array().unwrap().len(),
        1,
        "never a second pull request"
    );

    let refused =
        open_or_update(&gitea.client("not-a-valid-token"), &spec(newer, &[]), false).unwrap_err();
    let text = format!("{refused:#}");
    assert!(text.contains("401"), "{text}");
    assert!(!text.contains("not-a-valid-token"), "{text}");
}
