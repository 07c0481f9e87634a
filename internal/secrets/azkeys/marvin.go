// Package azkeys implements the structure and checksums of Azure's
// identifiable secrets, as published in microsoft/security-utilities:
// Marvin32, the "legacy Common Annotated Security Key" (CASK, 84/88
// characters, JQQJ signature; Azure OpenAI, Azure AI Services and ~40 other
// services), the "HIS v1" identifiable keys (Storage +ASt, Cosmos ACDb,
// Service Bus +ASb, IoT AIoT, API Management APIM, Search AzSe, Functions
// AzFu, …), Entra ID client secrets (8Q~) and the CRC32 of Azure DevOps
// legacy personal access tokens.
//
// A valid checksum is what makes these detections near-certain: a random
// string of the right shape passes with probability ~1e-7 (Marvin) or
// ~5e-10 (CRC32). Validators take the candidate text and never log or
// return it.
package azkeys

import (
	"encoding/binary"
	"math/bits"
)

// Marvin64 is the 64-bit Marvin hash of data under seed (SymCrypt
// lib/marvin32.c): (p1 << 32) | p0.
func Marvin64(data []byte, seed uint64) uint64 {
	p0, p1 := uint32(seed), uint32(seed>>32)
	for len(data) >= 4 {
		p0 += binary.LittleEndian.Uint32(data)
		p0, p1 = marvinBlock(p0, p1)
		data = data[4:]
	}
	var f uint32
	switch len(data) {
	case 0:
		f = 0x80
	case 1:
		f = 0x8000 | uint32(data[0])
	case 2:
		f = 0x800000 | uint32(data[1])<<8 | uint32(data[0])
	case 3:
		f = 0x80000000 | uint32(data[2])<<16 | uint32(data[1])<<8 | uint32(data[0])
	}
	p0 += f
	p0, p1 = marvinBlock(p0, p1)
	p0, p1 = marvinBlock(p0, p1)
	return uint64(p1)<<32 | uint64(p0)
}

// Marvin32 is the 32-bit Marvin checksum: the two halves of Marvin64
// xor-ed, as the .NET library returns it (an int32 read as its bit pattern).
func Marvin32(data []byte, seed uint64) uint32 {
	h := Marvin64(data, seed)
	return uint32(h) ^ uint32(h>>32)
}

func marvinBlock(p0, p1 uint32) (uint32, uint32) {
	p1 ^= p0
	p0 = bits.RotateLeft32(p0, 20)
	p0 += p1
	p1 = bits.RotateLeft32(p1, 9)
	p1 ^= p0
	p0 = bits.RotateLeft32(p0, 27)
	p0 += p1
	p1 = bits.RotateLeft32(p1, 19)
	return p0, p1
}

// Seed is an 8-character ASCII checksum label read as a big-endian uint64,
// e.g. Seed("Default0") == 0x44656661756c7430.
func Seed(label string) uint64 {
	var b [8]byte
	copy(b[:], label)
	return binary.BigEndian.Uint64(b[:])
}
