# One image recipe for every Platform service. Build context: the repository root.
#   docker build -f deploy/docker/service.Dockerfile \
#     --build-arg SERVICE_DIR=services/auth --build-arg SERVICE_PROJECT=Platform.Auth -t platform/auth .
# docker-compose.yml passes both arguments for each service.
# Written for the classic builder as well as BuildKit (docker-compose 1.29 uses the classic one):
# no `# syntax`, no heredocs, no COPY --chmod.

ARG DOTNET_VERSION=10.0

FROM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
ARG SERVICE_DIR
ARG SERVICE_PROJECT
RUN test -n "$SERVICE_DIR" && test -n "$SERVICE_PROJECT" \
    || { echo "build args SERVICE_DIR and SERVICE_PROJECT are required" >&2; exit 1; }
WORKDIR /src

# Restore from the project files and central package versions alone, so that a source change
# does not invalidate the restored-packages layer.
COPY Directory.Build.props Directory.Packages.props global.json ./
COPY shared/Platform.Contracts/Platform.Contracts.csproj shared/Platform.Contracts/
COPY shared/Platform.ServiceDefaults/Platform.ServiceDefaults.csproj shared/Platform.ServiceDefaults/
COPY shared/Platform.Outbox/Platform.Outbox.csproj shared/Platform.Outbox/
COPY shared/Platform.Security/Platform.Security.csproj shared/Platform.Security/
COPY shared/Platform.Directory/Platform.Directory.csproj shared/Platform.Directory/
COPY shared/Platform.Smtp/Platform.Smtp.csproj shared/Platform.Smtp/
COPY ${SERVICE_DIR}/${SERVICE_PROJECT}.csproj ${SERVICE_DIR}/
RUN dotnet restore ${SERVICE_DIR}/${SERVICE_PROJECT}.csproj

COPY shared/ shared/
COPY ${SERVICE_DIR}/ ${SERVICE_DIR}/
RUN dotnet publish ${SERVICE_DIR}/${SERVICE_PROJECT}.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
ARG SERVICE_PROJECT
# curl: for the compose health check on /health/ready.
# ldap-utils: brings in the distribution's libldap (its package name differs between Debian and
# Ubuntu releases), which System.DirectoryServices.Protocols loads at run time on Linux.
ARG RUNTIME_PACKAGES="curl ldap-utils"
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${RUNTIME_PACKAGES} \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build /app ./

ENV ASPNETCORE_HTTP_PORTS=8080 \
    SERVICE_ASSEMBLY=/app/${SERVICE_PROJECT}.dll
EXPOSE 8080

# APP_UID (1654, user "app") comes with the aspnet image.
USER $APP_UID
# exec: dotnet replaces the shell as PID 1 and receives SIGTERM itself for a graceful shutdown.
ENTRYPOINT ["/bin/sh", "-c", "exec dotnet \"$SERVICE_ASSEMBLY\" \"$@\"", "--"]
