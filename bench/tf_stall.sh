#!/usr/bin/env bash
# Does TensorFlow's inter-op pin cause the training stalls? Trains the same DIET config N times
# with TF_INTER_OP_PARALLELISM_THREADS=1 and N times without it, alternating, each under
# nlu.train_guard with one attempt (a stall = no CPU and no output for STALL seconds).
#   bench/tf_stall.sh CONFIG N OUTDIR
set -u
config=${1:-nlu/pipelines/diet40.yml}; runs=${2:-10}; out=${3:-bench/results/tf-stall}
stall=${STALL:-120}
mkdir -p "$out"
export RASA_TELEMETRY_ENABLED=false RASA_MAX_CACHE_SIZE=0 TF_CPP_MIN_LOG_LEVEL=2
for i in $(seq 1 "$runs"); do
  for mode in pinned unpinned; do
    if [ "$mode" = pinned ]; then
      pin=(env TF_INTER_OP_PARALLELISM_THREADS=1 TF_INTRA_OP_PARALLELISM_THREADS=2)
    else
      pin=(env -u TF_INTER_OP_PARALLELISM_THREADS -u TF_INTRA_OP_PARALLELISM_THREADS)
    fi
    start=$(date +%s.%N)
    "${pin[@]}" .venv/bin/python -m nlu.train_guard --attempts 1 --stall "$stall" --timeout 1800 -- \
      .venv-rasa/bin/rasa train nlu --config "$config" --domain nlu/rasa/domain.yml \
      --nlu nlu/rasa/data --out "$out/models" --fixed-model-name "run-$mode-$i" --num-threads 2 \
      > "$out/$mode-$i.log" 2>&1
    code=$?
    end=$(date +%s.%N)
    printf '%s\t%s\t%s\t%.1f\n' "$mode" "$i" "$code" "$(echo "$end - $start" | bc)" | tee -a "$out/runs.tsv"
    rm -rf "$out/models"
  done
done
