package main

// Helpers shared by every subcommand (lint, history, baseline, explain):
// flag sets that report errors as exit code 2, the -format / -config /
// -output flags, one-line error reporting, and writing findings.
//
// A command looks like:
//
//	func runX(args []string) int {
//		fs := newFlagSet("x", "[flags] [dir]", "What x does.")
//		var out outputFlags
//		out.register(fs)
//		rest, code, ok := parseFlags(fs, args)
//		if !ok {
//			return code
//		}
//		if err := out.check(); err != nil {
//			return failf("x", "%v", err)
//		}
//		cat, err := out.catalog()
//		if err != nil {
//			return failf("x", "%v", err)
//		}
//		findings := ...
//		if err := out.emit(report.ModeHistory, cat, findings); err != nil {
//			return failf("x", "%v", err)
//		}
//		return report.ExitCode(findings)
//	}

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/keyless-dev/keyless/internal/report"
	"github.com/keyless-dev/keyless/internal/rules"
)

// stdout and stderr are variables so tests can capture them.
var (
	stdout io.Writer = os.Stdout
	stderr io.Writer = os.Stderr
)

// newFlagSet returns a flag set for `keyless <name>` that returns errors
// instead of exiting, writes usage to stderr, and prints the flags with
// their defaults under a usage line and a one-paragraph description.
func newFlagSet(name, argsUsage, description string) *flag.FlagSet {
	fs := flag.NewFlagSet("keyless "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: keyless %s %s\n\n%s\n\nflags:\n", name, argsUsage, strings.TrimSpace(description))
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, allowing flags after positional arguments
// (`keyless lint ./... -format sarif`); everything after a "--" is
// positional. When ok is false the command must return code: 0 after -h,
// 2 after a bad flag (the flag package has printed why and the usage).
func parseFlags(fs *flag.FlagSet, args []string) (rest []string, code int, ok bool) {
	var tail []string
	for i, a := range args {
		if a == "--" {
			args, tail = args[:i], args[i+1:]
			break
		}
	}
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, report.ExitClean, false
			}
			return nil, report.ExitError, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return append(rest, tail...), 0, true
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

// failf prints "keyless <cmd>: <message>" as one line on stderr and returns
// the error exit code.
func failf(cmd, format string, args ...any) int {
	msg := scrubLine(fmt.Sprintf(format, args...)) // errors quote their input: never a secret
	msg = strings.TrimSpace(strings.ReplaceAll(msg, "\n", " "))
	fmt.Fprintf(stderr, "keyless %s: %s\n", cmd, msg)
	return report.ExitError
}

// outputFlags are the flags every reporting command shares.
type outputFlags struct {
	Format string // -format: one of report.Formats
	Config string // -config: rules file layered over the embedded rules.yaml
	Output string // -output: report file instead of stdout
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.Format, "format", "text", "output `format`: "+strings.Join(report.Formats, ", ")+
		"; a comma-separated list writes several reports from one run, each as FORMAT:FILE except one (-output or stdout), e.g. github,sarif:keyless.sarif")
	fs.StringVar(&o.Config, "config", "", "rules `file` layered over the embedded rules.yaml (same shape; entries replace by id, disable: turns rules off)")
	fs.StringVar(&o.Output, "output", "", "write the report to `file` instead of stdout")
}

// check validates the flag values that need no I/O.
func (o *outputFlags) check() error {
	_, err := o.outputs()
	return err
}

// output is one report to write: a format and a file ("" = -output or
// stdout).
type output struct{ format, file string }

// outputs parses -format: "FORMAT" or a comma-separated list of
// "FORMAT[:FILE]" entries, at most one of them without a file.
func (o *outputFlags) outputs() ([]output, error) {
	var outs []output
	toMain := 0
	for _, spec := range strings.Split(o.Format, ",") {
		format, file, hasFile := strings.Cut(strings.TrimSpace(spec), ":")
		if err := report.CheckFormat(format); err != nil {
			return nil, err
		}
		if hasFile && file == "" {
			return nil, fmt.Errorf("-format %s: empty file name after %q", o.Format, format+":")
		}
		if !hasFile {
			toMain++
		}
		outs = append(outs, output{format, file})
	}
	if toMain > 1 {
		return nil, fmt.Errorf("-format %s: only one format can go to %s; give the others a file (FORMAT:FILE)", o.Format, map[bool]string{true: "stdout", false: "-output"}[o.Output == ""])
	}
	return outs, nil
}

// catalog loads the embedded rules with -config layered on top. Errors
// carry file:line:col.
func (o *outputFlags) catalog() (*rules.Catalog, error) {
	return loadCatalog(o.Config)
}

// loadCatalog is rules.Load for a rules file inside the scanned tree
// (checkInside), whose secrets error messages never show; the loaded
// rules then tell the scrubber what a secret looks like.
func loadCatalog(path string) (*rules.Catalog, error) {
	if path != "" {
		if err := checkInside(path); err != nil {
			return nil, err
		}
	}
	cat, err := rules.Load(path)
	if err != nil {
		return nil, err
	}
	scrub.setCatalog(cat)
	return cat, nil
}

// emit writes findings in each -format to its file, -output or stdout.
// The text format's count line goes to stderr. Files are written whole or
// not at all: a failed write never leaves a truncated report behind.
func (o *outputFlags) emit(mode string, cat *rules.Catalog, findings []report.Finding) error {
	outs, err := o.outputs()
	if err != nil {
		return err
	}
	report.Sort(findings)
	meta := report.Meta{Mode: mode, Version: version(), Catalog: cat, Stderr: stderr}
	counted := false
	for _, out := range outs {
		m := meta
		if out.format == "text" {
			// One count line per run, however many text reports.
			if counted {
				m.Stderr = nil
			}
			counted = true
		}
		file := out.file
		if file == "" {
			file = o.Output
		}
		if file == "" {
			if err := report.Write(stdout, out.format, findings, m); err != nil {
				return err
			}
			continue
		}
		var buf bytes.Buffer
		if err := report.Write(&buf, out.format, findings, m); err != nil {
			return err
		}
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("writing report: %w", err)
		}
	}
	return nil
}
