# bash completion for sheaf, installed as share/bash-completion/completions/sheaf.
# Commands and options come from the `sheaf` being completed, from its own --help at completion
# time (CLI11's layout: a "Subcommands:" block, and option lines "  -o,--output TEXT ..."), so
# they follow the CLI with no list kept here. Anything else completes as a file name.

# _sheaf_help_words SECTION SHEAF [COMMAND]: the commands (SECTION "Subcommands") or the option
# names (SECTION "Options": every option line, whichever group heads it) that
# `SHEAF [COMMAND] --help` lists, one a line.
_sheaf_help_words() {
  local section=$1
  shift
  "$@" --help 2>/dev/null | awk -v section="$section:" '
    /^[^ ]/ { in_section = ($0 == section); next }
    section == "Subcommands:" && in_section && /^  [a-z]/ { print $1 }
    section == "Options:" && /^  -/ { n = split($1, names, ","); for (i = 1; i <= n; i++) print names[i] }'
}

_sheaf() {
  local cur=${COMP_WORDS[COMP_CWORD]} sheaf=${COMP_WORDS[0]} commands command="" i
  commands=$(_sheaf_help_words Subcommands "$sheaf")
  # The command is the first word after `sheaf` that names one.
  for ((i = 1; i < COMP_CWORD; i++)); do
    if [[ $'\n'$commands$'\n' == *$'\n'${COMP_WORDS[i]}$'\n'* ]]; then
      command=${COMP_WORDS[i]}
      break
    fi
  done
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_sheaf_help_words Options "$sheaf" ${command:+"$command"})" -- "$cur")
  elif [[ -z $command ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur")
  else
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
  fi
}

complete -F _sheaf sheaf
