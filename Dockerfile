# One image for the worker and the API; the command chooses which runs.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund
COPY activities ./activities
COPY api ./api
COPY src ./src
COPY workflows ./workflows
COPY tsconfig.json ./
USER node
CMD ["npx", "tsx", "src/main/server.ts"]
