package main

// keyless makes no network connection. Statically: no package of this
// module that ships in the keyless binary or the golangci-lint plugin
// imports a network package, and only the documented ones run programs
// (git). At run time: every command, pointed at a proxy that counts
// connections (HTTP(S)_PROXY, ALL_PROXY and GOPROXY all lead to it),
// makes none.

import (
	"bytes"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/keyless-dev/keyless/internal/secrets/corpus"
)

const modulePath = "github.com/keyless-dev/keyless"

// runsPrograms lists the packages allowed to import os/exec, and why.
var runsPrograms = map[string]string{
	modulePath + "/internal/safegit": "runs git, hardened (see internal/safegit/command.go), for history and lint -new-from-rev and -staged",
}

func forbiddenImport(path string) bool {
	switch path {
	case "net", "net/http", "net/rpc", "net/smtp", "crypto/tls", "plugin", "net/http/httputil", "net/http/cookiejar":
		return true
	}
	return strings.HasPrefix(path, "net/http/") || strings.HasPrefix(path, "golang.org/x/net/")
}

func TestNoNetworkImports(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-test=false",
		"-f", `{{if .Module}}{{if eq .Module.Path "`+modulePath+`"}}{{.ImportPath}} {{join .Imports ","}}{{end}}{{end}}`,
		".", "../../plugin")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, " ")
		if pkg == "" {
			continue
		}
		n++
		for _, imp := range strings.Split(imports, ",") {
			if forbiddenImport(imp) {
				t.Errorf("%s imports %s: keyless must make no network connection", pkg, imp)
			}
			if imp == "os/exec" && runsPrograms[pkg] == "" {
				t.Errorf("%s imports os/exec: keyless runs no program but git, from the packages listed in runsPrograms", pkg)
			}
		}
	}
	if n < 10 {
		t.Fatalf("go list found only %d packages of the module:\n%s", n, out)
	}
}

func TestNoNetworkAtRun(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end test: builds the binary")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("cannot listen on loopback: %v", err)
	}
	defer ln.Close()
	var conns atomic.Int64
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			c.SetDeadline(time.Now().Add(time.Second))
			c.Write([]byte("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"))
			c.Close()
		}
	}()
	proxy := "http://" + ln.Addr().String()
	for _, kv := range [][2]string{
		{"HTTP_PROXY", proxy}, {"HTTPS_PROXY", proxy}, {"ALL_PROXY", proxy},
		{"http_proxy", proxy}, {"https_proxy", proxy}, {"NO_PROXY", ""}, {"no_proxy", ""},
		{"GOPROXY", proxy}, {"GOTOOLCHAIN", "local"}, {"GOFLAGS", "-mod=readonly"},
	} {
		t.Setenv(kv[0], kv[1])
	}

	g := corpus.New(20260601)
	mod := t.TempDir()
	writeTree(t, mod, map[string]string{
		"go.mod":   "module example.com/offline\n\ngo 1.22\n",
		"p/p.go":   "package p\n\nconst apiKey = \"" + g.OpenAIKey() + "\"\n",
		"ok/ok.go": "package ok\n",
	})
	fx := e2eFixture(t)
	if _, err := fx.Stage(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		dir  string
		args []string
	}{
		{mod, []string{"lint", "./..."}},
		{mod, []string{"lint", "-format", "sarif", "./..."}},
		{mod, []string{"lint", "-json", "./..."}},
		{fx.Dir, []string{"history", "-format", "sarif"}},
		{fx.Dir, []string{"history", "-staged"}},
		{fx.Dir, []string{"lint", "-new-from-rev", "HEAD~1", "./..."}},
		{fx.Dir, []string{"baseline", "-baseline", filepath.Join(t.TempDir(), "b.json")}},
		{mod, []string{"explain", "hardcodedsecret/azure-openai-key"}},
		{mod, []string{"rules"}},
		{mod, []string{"version"}},
	} {
		r := keyless(t, c.dir, c.args...)
		if r.code == 2 {
			t.Errorf("%v: exit 2 offline:\n%s", c.args, r.stderr)
		}
		if n := conns.Load(); n > 0 {
			t.Fatalf("%v: %d network connection(s) to the proxy", c.args, n)
		}
		if bytes.Contains(r.stderr, []byte(ln.Addr().String())) {
			t.Errorf("%v: tried the proxy:\n%s", c.args, r.stderr)
		}
	}

	// Control: a program that does go to the network reaches the counter.
	ctl := exec.Command("go", "list", "-m", "-json", "example.com/nosuch/module@latest")
	ctl.Dir = mod
	ctl.Run()
	if conns.Load() == 0 {
		t.Error("control: go list -m ...@latest made no connection to the proxy; the test proves nothing")
	}
}
