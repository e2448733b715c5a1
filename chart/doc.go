// Package chart draws an org chart from the ledger's chart nodes: as an indented text tree for
// the terminal, and in the forms other tools read. It only formats; what the chart contains is
// the ledger's answer.
package chart
