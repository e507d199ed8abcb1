//! Where a git remote lives: its host, owner and repository, read from the
//! remote's URL in any of the forms git accepts.

use anyhow::{bail, Result};

/// A repository on a forge, as named by a git remote URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteRepo {
    /// `https`, or `http` when the remote itself is plain HTTP.
    pub scheme: String,
    /// The host, with its port for an HTTP(S) remote that names one.
    pub host: String,
    /// Path segments before the owner (a forge served under a sub-path),
    /// without slashes at either end; usually empty.
    pub prefix: String,
    /// The user or organisation that owns the repository.
    pub owner: String,
    /// The repository's name, without `.git`.
    pub repo: String,
}

impl RemoteRepo {
    /// The forge's web root: `scheme://host[/prefix]`.
    pub fn web_root(&self) -> String {
        if self.prefix.is_empty() {
            format!("{}://{}", self.scheme, self.host)
        } else {
            format!("{}://{}/{}", self.scheme, self.host, self.prefix)
        }
    }
}

/// Reads owner and repository from a remote URL: `https://host/o/r.git`,
/// `http://user:secret@host:3000/o/r`, `ssh://git@host:22/o/r.git`,
/// `git@host:o/r.git`, `git://host/o/r`. Credentials in the URL are dropped;
/// a local path or `file://` URL is an error.
pub fn parse_remote(url: &str) -> Result<RemoteRepo> {
    let url = url.trim();
    let (scheme, authority, path) = if let Some((scheme, rest)) = url.split_once("://") {
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        (scheme.to_ascii_lowercase(), authority, path)
    } else if let Some((authority, path)) = scp_like(url) {
        ("ssh".to_string(), authority, path)
    } else {
        bail!("the remote `{}` is not a URL of a forge", redact(url));
    };
    let web_scheme = match scheme.as_str() {
        "https" | "http" => scheme.clone(),
        "ssh" | "git" | "git+ssh" | "ssh+git" => "https".to_string(),
        _ => bail!("the remote `{}` is not a URL of a forge", redact(url)),
    };
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if web_scheme == scheme {
        host_port.to_string()
    } else {
        // An SSH port says nothing about the web server's.
        host_port.split(':').next().unwrap_or(host_port).to_string()
    };
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if host.is_empty() || segments.len() < 2 {
        bail!(
            "the remote `{}` does not name an owner and a repository",
            redact(url)
        );
    }
    let repo = segments.pop().unwrap_or_default();
    let repo = repo.strip_suffix(".git").unwrap_or(repo).to_string();
    let owner = segments.pop().unwrap_or_default().to_string();
    if repo.is_empty() {
        bail!("the remote `{}` does not name a repository", redact(url));
    }
    Ok(RemoteRepo {
        scheme: web_scheme,
        host,
        prefix: segments.join("/"),
        owner,
        repo,
    })
}

/// The host and path of an scp-like `[user@]host:path`, which git reads as
/// SSH when no slash comes before the colon.
fn scp_like(url: &str) -> Option<(&str, &str)> {
    let colon = url.find(':')?;
    let before_slash = url.find('/').is_none_or(|slash| colon < slash);
    (colon > 0 && before_slash).then(|| (&url[..colon], &url[colon + 1..]))
}

/// `url` without its credentials, for error messages.
fn redact(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            match authority.rsplit_once('@') {
                Some((_, host)) => format!("{scheme}://***@{host}/{path}"),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(url: &str) -> (String, String, String, String, String) {
        let r = parse_remote(url).unwrap();
        (r.scheme, r.host, r.prefix, r.owner, r.repo)
    }

    fn t(s: &str, h: &str, p: &str, o: &str, r: &str) -> (String, String, String, String, String) {
        (s.into(), h.into(), p.into(), o.into(), r.into())
    }

    #[test]
    fn https_remotes() {
        assert_eq!(
            parts("https://github.com/acme/widgets.git"),
            t("https", "github.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("https://github.com/acme/widgets"),
            t("https", "github.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("https://github.com/acme/widgets/"),
            t("https", "github.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("https://x-access-token:s3cret@github.com/acme/widgets.git"),
            t("https", "github.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("http://localhost:3000/acme/widgets.git"),
            t("http", "localhost:3000", "", "acme", "widgets")
        );
        assert_eq!(
            parts("https://git.example.com/gitea/acme/widgets.git"),
            t("https", "git.example.com", "gitea", "acme", "widgets")
        );
    }

    #[test]
    fn ssh_remotes() {
        assert_eq!(
            parts("git@github.com:acme/widgets.git"),
            t("https", "github.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("github.com:acme/widgets"),
            t("https", "github.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("ssh://git@git.example.com:2222/acme/widgets.git"),
            t("https", "git.example.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("git+ssh://git@github.com/acme/widgets.git"),
            t("https", "github.com", "", "acme", "widgets")
        );
        assert_eq!(
            parts("git://github.com/acme/widgets"),
            t("https", "github.com", "", "acme", "widgets")
        );
    }

    #[test]
    fn web_root_keeps_port_and_prefix() {
        let r = parse_remote("http://localhost:3000/acme/widgets.git").unwrap();
        assert_eq!(r.web_root(), "http://localhost:3000");
        let r = parse_remote("https://git.example.com/gitea/acme/widgets").unwrap();
        assert_eq!(r.web_root(), "https://git.example.com/gitea");
    }

    #[test]
    fn not_a_forge_remote() {
        for url in [
            "/srv/git/widgets.git",
            "../widgets",
            "file:///srv/git/acme/widgets.git",
            "https://github.com/widgets",
            "git@github.com:widgets",
            "https://github.com/acme/.git",
        ] {
            assert!(parse_remote(url).is_err(), "{url}");
        }
    }

    #[test]
    fn errors_do_not_show_credentials() {
        let err = parse_remote("https://bot:s3cret@github.com/widgets").unwrap_err();
        let text = format!("{err:#}");
        assert!(!text.contains("s3cret"), "{text}");
        assert!(text.contains("github.com/widgets"), "{text}");
    }
}
