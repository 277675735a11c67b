//! A real editor: Neovim, headless, starts `docket lsp` for a record, the record is
//! edited without saving, and the editor receives the mistake with its code and place.
//! (`tests/cli/lsp.rs` covers the protocol in detail; this proves an editor's client
//! understands it.) Skipped where Neovim is missing; `.ci/run` installs it.

use std::process::Command;

use crate::harness::Ws;

#[test]
fn neovim_underlines_a_mistake_in_an_unsaved_buffer() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Neovim is missing: .ci/run installs it"
        );
        println!("skipped: no Neovim on this machine");
        return;
    }
    let ws = Ws::empty();
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-workspace");
    crate::harness::copy_dir(&example, &ws.path().join("ws"));
    let record = "ws/clients/qingshan-dairy/orders/WO-2026-0040.md";
    let before = std::fs::read(ws.path().join(record)).unwrap();
    // The set-up docs/editors.md gives for Neovim before 0.11 (Debian ships 0.7), as
    // written there, with this build's docket.
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/editors.md"),
    )
    .unwrap();
    let after = &doc[doc
        .find("On Neovim 0.7 to 0.10")
        .expect("the section is in the doc")..];
    let start = after.find("```lua\n").unwrap() + "```lua\n".len();
    let init = after[start..start + after[start..].find("```").unwrap()].replace(
        "cmd = { 'docket', 'lsp' }",
        &format!("cmd = {{ '{}', 'lsp' }}", env!("CARGO_BIN_EXE_docket")),
    );
    assert!(init.contains(env!("CARGO_BIN_EXE_docket")), "{init}");
    let probe = format!(
        "vim.cmd('edit {record}')
         vim.wait(5000, function() return #vim.lsp.get_active_clients() > 0 end)
         local lines = vim.api.nvim_buf_get_lines(0, 0, -1, false)
         for i, l in ipairs(lines) do
           if l:match('^title:') then
             vim.api.nvim_buf_set_lines(0, i - 1, i, false, {{ (l:gsub('^title:', 'titel:')) }})
             break
           end
         end
         vim.wait(30000, function() return #vim.diagnostic.get(0) > 1 end)
         local out = io.open('seen.txt', 'w')
         for _, d in ipairs(vim.diagnostic.get(0)) do
           out:write(string.format('%d:%d %s\\n', d.lnum + 1, d.col + 1, d.code or '?'))
         end
         out:close()
         vim.cmd('qa!')"
    );
    ws.write("init.lua", init);
    ws.write("probe.lua", probe);
    let run = Command::new("timeout")
        .args([
            "120",
            "nvim",
            "--headless",
            "-u",
            "init.lua",
            "-c",
            "luafile probe.lua",
        ])
        .current_dir(ws.path())
        .env("HOME", ws.path())
        .output()
        .unwrap();
    let seen = std::fs::read_to_string(ws.path().join("seen.txt")).unwrap_or_else(|_| {
        panic!(
            "nvim wrote nothing: {}",
            String::from_utf8_lossy(&run.stderr)
        )
    });
    let mut seen: Vec<&str> = seen.lines().collect();
    seen.sort();
    assert_eq!(seen, ["1:1 D020", "4:1 D021"]);
    assert_eq!(
        std::fs::read(ws.path().join(record)).unwrap(),
        before,
        "never saved"
    );
}
