module kube-gitops/test/cluster/pki

go 1.26.0
