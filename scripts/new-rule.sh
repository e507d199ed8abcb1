#!/usr/bin/env bash
# Adds a rule: writes its transform file (the documentation's five
# sections, its RuleMeta and an empty `visit`), declares it and appends it
# to the registry in transforms/mod.rs (the registry's order is the
# catalog's), and writes the README and input/ of its seed, no-op and
# suppressed golden cases (the golden test writes their snapshots, and
# expected/ where the fix changes code).
#
#   scripts/new-rule.sh [--dry-run] ID CODE   # e.g. scripts/new-rule.sh deadline-leak CTX016
#
# ID is the rule's kebab-case id, CODE its code (capitals, then three
# digits). What the script writes compiles, but says `Replace this:` where
# the rule's author must write: the lib test
# no_rule_keeps_the_placeholders_of_new_rule_sh fails until none is left.
# --dry-run prints what would be written and changes nothing. CTXMOD_ROOT
# names the checkout to write into (default: this one).
set -euo pipefail

dry_run=false
if [ "${1:-}" = --dry-run ]; then
  dry_run=true
  shift
fi
usage() {
  echo "usage: scripts/new-rule.sh [--dry-run] ID CODE   (e.g. deadline-leak CTX016)" >&2
  exit 2
}
[ $# -eq 2 ] || usage
id=$1 code=$2
root=${CTXMOD_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
fail() {
  echo "new-rule.sh: $*" >&2
  exit 1
}

[[ $id =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || fail "the id \`$id\` is not kebab-case (deadline-leak)"
[[ $code =~ ^[A-Z]+[0-9]{3}$ ]] || fail "the code \`$code\` is not capitals then three digits (CTX016)"
module=${id//-/_}
type=$(awk -F- '{ for (i = 1; i <= NF; i++) printf "%s%s", toupper(substr($i, 1, 1)), substr($i, 2) }' <<<"$id")
case " as async await break const continue crate dyn else enum extern false fn for gen if impl in let loop match mod move mut pub ref return self static struct super trait true try type unsafe use where while yield " in
*" $module "*) fail "\`$module\` is a Rust keyword: choose another id" ;;
esac
case " Rule RuleCx RuleMeta Node Finding Applicability " in
*" $type "*) fail "\`$type\` is a name the rule file imports: choose another id" ;;
esac

mod_rs=$root/transforms/mod.rs
rule_rs=$root/transforms/$module.rs
golden=$root/golden/$id
[ -f "$mod_rs" ] || fail "no $mod_rs"
[ ! -e "$rule_rs" ] && [ ! -e "$root/transforms/$module" ] || fail "transforms/$module already exists"
[ ! -e "$golden" ] || fail "golden/$id already exists"
# The rules' files, folders included.
taken=$(grep -rl --include='*.rs' "^    id: \"$id\",\$" "$root/transforms" || true)
[ -z "$taken" ] || fail "${taken#"$root"/} has the id $id already"
taken=$(grep -rli --include='*.rs' "^    code: \"$code\",\$" "$root/transforms" || true)
[ -z "$taken" ] || fail "${taken#"$root"/} has the code $code already"

# transforms/mod.rs with the module declared among the others, in
# alphabetical order, and the rule last in the registry.
new_mod_rs=$(LC_ALL=C awk -v module="$module" '
  /^pub mod [a-z0-9_]+;$/ {
    name = substr($3, 1, length($3) - 1)
    if (name == module) { exit 3 }
    if (!declared && name > module) { print "pub mod " module ";"; declared = 1 }
    print; last_mod = NR; next
  }
  last_mod && NR == last_mod + 1 && !declared { print "pub mod " module ";"; declared = 1 }
  /^registry! \{$/ { in_registry = 1 }
  in_registry && /^\}$/ { print "    " module " => \"" module ".rs\","; registered = 1; in_registry = 0 }
  { print }
  END { if (!declared || !registered) exit 4 }
' "$mod_rs") || fail "transforms/mod.rs: could not find its \`pub mod\` lines and \`registry! {\` block, or $module is declared already"

# Writes stdin to the file $1 (relative to the root), or says it would.
emit() {
  if $dry_run; then
    echo "would write $1"
    cat >/dev/null
  else
    mkdir -p "$(dirname "$root/$1")"
    cat >"$root/$1"
  fi
}
# Go code indented with four spaces, indented with a tab.
gofile() { sed 's/^    /\t/' | emit "$1"; }

emit "transforms/$module.rs" <<EOF
//! ## What it does
//! Replace this: what the rule finds, and what its fix changes.
//!
//! ## Why
//! Replace this: why that code is wrong, in a first sentence that stands on its own.
//!
//! ## Example
//! \`\`\`go
//! // Replace this: code the rule finds.
//! \`\`\`
//! becomes
//! \`\`\`go
//! // Replace this: what its fix makes of it.
//! \`\`\`
//!
//! ## Fix safety
//! Replace this: safe, unsafe or display-only, and why: what the fix may change of what the
//! program does.
//!
//! ## Limitations
//! Replace this: what the rule misses, or reports without a fix.

use crate::lint::fix::{Applicability, Finding};
use crate::lint::rule::{Rule, RuleCx, RuleMeta};
use tree_sitter::Node;

/// The $id rule.
pub struct $type;

/// The registered instance.
pub static RULE: $type = $type;

static META: RuleMeta = RuleMeta {
    code: "$code",
    id: "$id",
    summary: "Replace this: one line for \`ctxmod rules\`",
    finds: "Replace this: what the rule finds, for the README's rules table",
    fixes: "Replace this: what its fix does, for the README's rules table (safe)",
    applicability: Applicability::Safe,
    kinds: &["call_expression"],
    needles: &["context"],
    caller_needles: &[],
    nolint: &[],
};

impl Rule for $type {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn visit(&self, _node: Node<'_>, _cx: &RuleCx<'_>, _out: &mut Vec<Finding>) {
        // Replace this: look at the node (of one of META's kinds) and push
        // \`Finding::new(&META, range, message)\`, with \`.with_fix(...)\`,
        // into out. A rule that needs every file at once implements
        // check_workspace instead (see src/lint/rule.rs).
    }
}
EOF

for case in seed no-op suppressed; do
  printf 'module example.com/%s\n\ngo 1.22\n' "$case" | emit "golden/$id/$case/input/go.mod"
done
# Each case's README: what it is for, in its first line (a sentence).
echo "Replace this: the code $id finds here, and what its fix makes of it." |
  emit "golden/$id/seed/README"
echo "Replace this: code like what $id finds, but right: nothing to report." |
  emit "golden/$id/no-op/README"
echo "Replace this: what $id finds, silenced with \`//ctxmod:ignore $id\`: left alone." |
  emit "golden/$id/suppressed/README"
gofile "golden/$id/seed/input/seed.go" <<EOF
// Replace this: code $id finds and fixes.
package seed

import "context"

// Load stands for the code the rule finds.
func Load(ctx context.Context) error {
    return ctx.Err()
}
EOF
gofile "golden/$id/no-op/input/ok.go" <<EOF
// Replace this: code like what $id finds, but right, which the rule must leave alone.
package ok

import "context"

// Load stands for the code the rule must leave alone.
func Load(ctx context.Context) error {
    return ctx.Err()
}
EOF
gofile "golden/$id/suppressed/input/keep.go" <<EOF
// Replace this: what $id finds, kept on purpose with a suppression comment.
package keep

import "context"

// Load stands for the code the rule would change but for the comment.
func Load(ctx context.Context) error {
    //ctxmod:ignore $id -- Replace this: why the code is kept as it is
    return ctx.Err()
}
EOF

if $dry_run; then
  echo "would add to transforms/mod.rs: \`pub mod $module;\` and \`$module => \"$module.rs\",\` at the end of registry!"
  exit 0
fi
printf '%s\n' "$new_mod_rs" >"$mod_rs"
cat <<EOF
Added $id ($code):
  transforms/$module.rs: the rule, its documentation and RuleMeta
  transforms/mod.rs: \`pub mod $module;\`, and \`$module => "$module.rs",\` last in registry!
  golden/$id/{seed,no-op,suppressed}/: the golden cases' README and input/
Next:
  1. Write the rule: every \`Replace this:\` in transforms/$module.rs (its
     documentation, summary, finds, fixes, applicability, kinds, needles
     and visit) and in golden/$id/ (each case's README and Go code); add
     cases as you go (README and input/ each).
  2. UPDATE_README=1 cargo test --lib readme
     adds its row to the README's rules table.
  3. UPDATE_GOLDEN=1 cargo test --test golden -- $id/
     writes each case's snapshot, and expected/ where the fix changes the
     code (a case without expected/ must stay as it is): review them with
     git status and git diff.
  4. cargo test --lib (no_rule_keeps_the_placeholders_of_new_rule_sh passes
     once no placeholder is left) and cargo test --test golden.
EOF
