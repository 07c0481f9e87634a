//go:build !unix

package main

import (
	"os"
	"os/exec"
)

func unprivilegedCommand(bin string, args ...string) *exec.Cmd { return exec.Command(bin, args...) }

func maxRSS(ps *os.ProcessState) int64 { return 0 }
