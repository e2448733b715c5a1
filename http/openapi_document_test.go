package http_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pb33f/libopenapi"
	v3 "github.com/pb33f/libopenapi/datamodel/high/v3"
)

// mustBuildModel builds libopenapi's model of a document. Building resolves every $ref, so a
// reference to a schema the generator did not emit fails here, before any answer is checked.
func mustBuildModel(t *testing.T, spec []byte) *v3.Document {
	t.Helper()
	ld, err := libopenapi.NewDocument(spec)
	if err != nil {
		t.Fatal(err)
	}
	model, err := ld.BuildV3Model()
	if err != nil {
		t.Fatalf("the document does not build: %v", err)
	}
	for _, err := range model.Index.GetReferenceIndexErrors() {
		t.Errorf("the document's references: %v", err)
	}
	return &model.Model
}

// checkOADocument checks what the OpenAPI 3.1 meta-schema (TestOpenAPIDocument) cannot: each
// operation's path parameters are the ones its template names, and operation ids are unique,
// as the clients generated from the document need.
func checkOADocument(t *testing.T, doc *v3.Document) {
	wildcard := regexp.MustCompile(`\{([^}]+)\}`)
	ids := map[string]string{}
	for path, item := range doc.Paths.PathItems.FromOldest() {
		var want []string
		for _, m := range wildcard.FindAllStringSubmatch(path, -1) {
			want = append(want, m[1])
		}
		slices.Sort(want)
		for method, op := range item.GetOperations().FromOldest() {
			at := strings.ToUpper(method) + " " + path
			if prev, dup := ids[op.OperationId]; dup {
				t.Errorf("%s: operationId %q is also %s's", at, op.OperationId, prev)
			}
			ids[op.OperationId] = at
			var got []string
			for _, p := range slices.Concat(item.Parameters, op.Parameters) {
				if p.In == "path" {
					got = append(got, p.Name)
				}
			}
			slices.Sort(got)
			if !slices.Equal(want, got) {
				t.Errorf("%s: the template names %v, the path parameters are %v", at, want, got)
			}
		}
	}
}

// checkParamSources makes sure the handlers read the request's path and query only through
// the parameter structs (params.go), which are what the document's parameters are made from;
// so a handler cannot read a parameter the document does not list.
func checkParamSources(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	readers := []string{"FormValue", "PostFormValue", "ParseForm", "ParseMultipartForm", "PathValue"}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") || f == "params.go" {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, onSelector := sel.X.(*ast.SelectorExpr)
			onURL := onSelector && x.Sel.Name == "URL" && (sel.Sel.Name == "Query" || sel.Sel.Name == "RawQuery")
			if onURL || slices.Contains(readers, sel.Sel.Name) {
				t.Errorf("%s: reads %s outside the parameter structs, so the document cannot list it", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}
