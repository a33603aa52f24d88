#!/usr/bin/env bash
# Installs the Debian packages regsim needs to build, test and benchmark.
# Idempotent: when every package is present it only checks (well under a second).
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libeigen3-dev libboost-graph-dev libyaml-cpp-dev
  libhdf5-dev hdf5-tools
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev libfmt-dev
  libopenblas-dev liblapacke-dev libgfortran-12-dev
  libopenmpi-dev openmpi-bin
  python3 python3-h5py python3-xarray python3-h5netcdf python3-pandas
  python3-matplotlib python3-pytest python3-nbclient python3-nbformat python3-ipykernel
  python3-jinja2 python3-tqdm python3-openpyxl python3-networkx python3-pip python3-setuptools python3-venv
  python3-wheel python3-yaml
  clang libclang-rt-dev llvm netcdf-bin
  fonts-noto-cjk graphviz help2man hyperfine time
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}"
sudo_cmd=()
if [[ $(id -u) -ne 0 ]]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
