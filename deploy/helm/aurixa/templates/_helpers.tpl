{{/* Names and labels shared by every template. */}}
{{- define "aurixa.fullname" -}}
{{- if eq .Release.Name "aurixa" -}}
{{- .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-aurixa" .Release.Name | trunc 50 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The Service / Deployment name of a role: (dict "root" $ "role" "gateway"). */}}
{{- define "aurixa.roleName" -}}
{{- printf "%s-%s" (include "aurixa.fullname" .root) .role | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "aurixa.labels" -}}
app.kubernetes.io/name: aurixa
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* Selector labels of a role's pods: (dict "root" $ "role" "gateway"). */}}
{{- define "aurixa.selectorLabels" -}}
app.kubernetes.io/name: aurixa
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .role }}
{{- end -}}

{{- define "aurixa.secretName" -}}
{{- if .Values.secrets.existingSecret -}}
{{- .Values.secrets.existingSecret -}}
{{- else -}}
{{- include "aurixa.fullname" . -}}
{{- end -}}
{{- end -}}

{{- define "aurixa.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}

{{- define "aurixa.postgresName" -}}
{{- printf "%s-postgresql" (include "aurixa.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
