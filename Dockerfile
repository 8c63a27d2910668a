# TrustBot as a container (Azure Container Apps or App Service for containers).
#   docker build -t trustbot .
#   docker run -p 8080:8080 -e Storage__Endpoint=https://<account>.table.core.windows.net/ trustbot
# Stage 1 takes the Web Chat bundle from the npm lock file; stage 2 publishes the bot; stage 3 runs it
# as the image's non-root user.

FROM node:22-bookworm-slim AS webchat
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --omit=dev --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props appsettings.json ./
COPY dialogs/ dialogs/
COPY bot/ bot/
COPY --from=webchat /src/node_modules/botframework-webchat/dist/webchat.js node_modules/botframework-webchat/dist/webchat.js
RUN dotnet publish bot/TrustBot.Bot.csproj -c Release -o /app -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Listen on 8080 inside the container, whatever appsettings.json says for local runs.
ENV Urls=http://+:8080 \
    DOTNET_gcServer=1
EXPOSE 8080
# The aspnet image's built-in unprivileged user.
USER $APP_UID
ENTRYPOINT ["dotnet", "TrustBot.Bot.dll"]
