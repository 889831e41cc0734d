// flux-ssa: Flux's server-side apply engine (github.com/fluxcd/pkg/ssa) as a command, so that
// `npm run bench` can run it as a whole process beside kube-gitops, kapp and kubectl. It does what
// kustomize-controller's reconcile does with a built set of objects, with its options and client
// defaults (QPS 50, burst 300, 4 concurrent server-side applies, health checks off):
//
//	flux-ssa plan  -kubeconfig F -dir D                 ResourceManager.Diff for every object (as `flux diff`)
//	flux-ssa apply -kubeconfig F -dir D -inventory I    ApplyAllStaged, then DeleteAll of what I lists and D lacks
//
// The inventory file stands in for the Kustomization's status.inventory: the objects the last
// apply applied, written after each apply, read by the next to prune. Nothing else is kept.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/fluxcd/pkg/ssa"
	"github.com/fluxcd/pkg/ssa/normalize"
	ssautil "github.com/fluxcd/pkg/ssa/utils"
	"golang.org/x/sync/errgroup"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/client-go/tools/clientcmd"
	"sigs.k8s.io/controller-runtime/pkg/client"
)

// Set by the build script: a hash of this file, so the cached binary follows its source.
var sourceHash = "dev"

const (
	group     = "kustomize.toolkit.fluxcd.io"
	owner     = "kustomize-controller" // kustomize-controller's field manager
	ksName    = "bench"
	ksNS      = "flux-system"
	qps       = 50  // fluxcd/pkg/runtime/client: --kube-api-qps default
	burst     = 300 // --kube-api-burst default
	ssaWorker = 4   // kustomize-controller: --concurrent-ssa default
)

type ref struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace,omitempty"`
	Name       string `json:"name"`
}

func main() {
	if len(os.Args) < 2 || (os.Args[1] != "plan" && os.Args[1] != "apply" && os.Args[1] != "version") {
		fmt.Fprintln(os.Stderr, "usage: flux-ssa plan|apply -kubeconfig FILE -dir DIR [-inventory FILE] | version")
		os.Exit(2)
	}
	if os.Args[1] == "version" {
		fmt.Println("flux-ssa (fluxcd/pkg/ssa)", sourceHash)
		return
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	kubeconfig := fs.String("kubeconfig", "", "kubeconfig file")
	dir := fs.String("dir", "", "directory of YAML files (a built set, as kustomize build gives)")
	inventory := fs.String("inventory", "", "file of the objects the last apply applied (apply only)")
	_ = fs.Parse(os.Args[2:])
	if err := run(context.Background(), os.Args[1], *kubeconfig, *dir, *inventory); err != nil {
		fmt.Fprintln(os.Stderr, "flux-ssa:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, mode, kubeconfig, dir, inventory string) error {
	objects, err := readDir(dir)
	if err != nil {
		return err
	}
	cfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	cfg.QPS, cfg.Burst = qps, burst
	kube, err := client.New(cfg, client.Options{})
	if err != nil {
		return err
	}
	manager := ssa.NewResourceManager(kube, nil, ssa.Owner{Field: owner, Group: group})
	manager.SetOwnerLabels(objects, ksName, ksNS)
	manager.SetConcurrency(ssaWorker)
	if err := normalize.UnstructuredList(objects); err != nil {
		return err
	}
	if mode == "plan" {
		return plan(ctx, manager, objects)
	}
	return apply(ctx, manager, objects, inventory)
}

func readDir(dir string) ([]*unstructured.Unstructured, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var all bytes.Buffer
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		all.Write(b)
		all.WriteString("\n---\n")
	}
	return ssautil.ReadObjects(&all)
}

// plan: one ResourceManager.Diff (a server-side dry-run apply and a GET) per object, as
// `flux diff kustomization` does, ssaWorker at a time.
func plan(ctx context.Context, manager *ssa.ResourceManager, objects []*unstructured.Unstructured) error {
	var mu sync.Mutex
	counts := map[ssa.Action]int{}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(ssaWorker)
	for _, o := range objects {
		g.Go(func() error {
			entry, _, _, err := manager.Diff(gctx, o, ssa.DefaultDiffOptions())
			if err != nil {
				return fmt.Errorf("%s: %w", ssautil.FmtUnstructured(o), err)
			}
			mu.Lock()
			counts[entry.Action]++
			mu.Unlock()
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	fmt.Printf("plan: %d created, %d configured, %d unchanged\n", counts[ssa.CreatedAction], counts[ssa.ConfiguredAction], counts[ssa.UnchangedAction])
	return nil
}

// apply: kustomize-controller's apply() and prune() with their options (Force false, waits off).
func apply(ctx context.Context, manager *ssa.ResourceManager, objects []*unstructured.Unstructured, inventory string) error {
	opts := ssa.DefaultApplyOptions()
	opts.Force = false
	opts.ExclusionSelector = map[string]string{group + "/reconcile": "disabled", group + "/ssa": "Ignore"}
	opts.IfNotPresentSelector = map[string]string{group + "/ssa": "IfNotPresent"}
	opts.ForceSelector = map[string]string{group + "/force": "Enabled"}
	opts.Cleanup = ssa.ApplyCleanupOptions{
		Annotations: []string{corev1.LastAppliedConfigAnnotation, group + "/checksum", "fluxcd.io/sync-checksum"},
		Labels:      []string{"fluxcd.io/sync-gc-mark"},
		FieldManagers: []ssa.FieldManager{
			{Name: "kubectl", OperationType: metav1.ManagedFieldsOperationApply},
			{Name: "kubectl", OperationType: metav1.ManagedFieldsOperationUpdate},
			{Name: "before-first-apply", OperationType: metav1.ManagedFieldsOperationUpdate},
			{Name: owner, OperationType: metav1.ManagedFieldsOperationUpdate},
		},
		Exclusions: map[string]string{group + "/ssa": "Merge"},
	}
	changes, err := manager.ApplyAllStaged(ctx, objects, opts)
	if err != nil {
		return err
	}
	old, err := readInventory(inventory)
	if err != nil {
		return err
	}
	stale := staleObjects(old, objects)
	deleted := 0
	if len(stale) > 0 {
		del, err := manager.DeleteAll(ctx, stale, ssa.DeleteOptions{
			PropagationPolicy: metav1.DeletePropagationBackground,
			Inclusions:        manager.GetOwnerLabels(ksName, ksNS),
			Exclusions: map[string]string{
				group + "/prune": "disabled", group + "/reconcile": "disabled", group + "/ssa": "Ignore",
			},
		})
		if err != nil {
			return err
		}
		deleted = len(del.Entries)
	}
	if err := writeInventory(inventory, objects); err != nil {
		return err
	}
	counts := map[ssa.Action]int{}
	for _, e := range changes.Entries {
		counts[e.Action]++
	}
	fmt.Printf("apply: %d created, %d configured, %d unchanged, %d deleted\n", counts[ssa.CreatedAction], counts[ssa.ConfiguredAction], counts[ssa.UnchangedAction], deleted)
	return nil
}

func key(r ref) string { return strings.Join([]string{r.APIVersion, r.Kind, r.Namespace, r.Name}, "/") }

func refOf(o *unstructured.Unstructured) ref {
	return ref{APIVersion: o.GetAPIVersion(), Kind: o.GetKind(), Namespace: o.GetNamespace(), Name: o.GetName()}
}

func readInventory(file string) ([]ref, error) {
	if file == "" {
		return nil, nil
	}
	b, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var refs []ref
	if err := json.Unmarshal(b, &refs); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return refs, nil
}

func writeInventory(file string, objects []*unstructured.Unstructured) error {
	if file == "" {
		return nil
	}
	refs := make([]ref, 0, len(objects))
	for _, o := range objects {
		refs = append(refs, refOf(o))
	}
	b, err := json.Marshal(refs)
	if err != nil {
		return err
	}
	return os.WriteFile(file, b, 0o600)
}

func staleObjects(old []ref, objects []*unstructured.Unstructured) []*unstructured.Unstructured {
	keep := map[string]bool{}
	for _, o := range objects {
		keep[key(refOf(o))] = true
	}
	var stale []*unstructured.Unstructured
	for _, r := range old {
		if keep[key(r)] {
			continue
		}
		u := &unstructured.Unstructured{}
		u.SetAPIVersion(r.APIVersion)
		u.SetKind(r.Kind)
		u.SetNamespace(r.Namespace)
		u.SetName(r.Name)
		stale = append(stale, u)
	}
	return stale
}
